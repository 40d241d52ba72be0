import { startServiceTestApp, type ServiceTestApp } from '@ocop/testing';
import { evaluationDataSource } from '../../src/database/data-source';

/** The evaluation API in this process, on a migrated database of its own and a NATS server of its own. */
export async function startEvaluationTestApp(label: string, env: Record<string, string> = {}): Promise<ServiceTestApp> {
  return startServiceTestApp({
    label,
    schema: 'evaluation',
    dataSource: evaluationDataSource,
    loadModule: async () => (await import('../../src/app.module')).EvaluationApiModule,
    env,
  });
}
