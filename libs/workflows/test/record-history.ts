import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const HISTORIES_DIR = join(__dirname, 'histories');

/**
 * With RECORD_WORKFLOW_HISTORIES=1, stores a finished run's history (the latest run's, or `runId`'s) for
 * the replay test (src/workflows.replay.spec.ts). Re-record only when a change is meant to alter
 * histories, and say so.
 */
export async function keepHistory(
  client: Client,
  handle: WorkflowHandle,
  name: string,
  runId?: string,
): Promise<void> {
  if (!process.env['RECORD_WORKFLOW_HISTORIES']) return;
  const history = await client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), historyToJSON(history));
}
