/**
 * The raw baseline of `npm run bench -- workflows`: a workflow that does nothing, so its start rate is what
 * the Temporal server and the client manage for the cheapest possible workflow. Bench only: bundled by the
 * bench's own worker (bench/src/workflow-worker.ts), never by the platform's.
 */
export function emptyWorkflow(): Promise<void> {
  return Promise.resolve();
}
