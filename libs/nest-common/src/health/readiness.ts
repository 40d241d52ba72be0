/** A dependency the service needs to do its work (database, NATS, Temporal). */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when the dependency answers; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export interface DependencyStatus {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

export async function runChecks(
  checks: ReadinessCheck[],
  timeoutMs: number,
): Promise<Record<string, DependencyStatus>> {
  const entries = await Promise.all(
    checks.map(async (check): Promise<[string, DependencyStatus]> => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check.check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [check.name, { status: 'up', latencyMs: Math.round(performance.now() - started) }];
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return [check.name, { status: 'down', latencyMs: Math.round(performance.now() - started), error: message }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(entries);
}
