import type { PlatformModuleOptions } from '@ocop/nest-common';
import { EvaluationConfig } from './config/evaluation.config';
import { EVALUATION_ENTITIES } from './database/entities';
import { EVALUATION_MIGRATIONS } from './database/migrations';
import { EVALUATION } from './service-identity';

/** What the API and the worker of evaluation share; each adds its role. */
export const EVALUATION_PLATFORM = {
  identity: EVALUATION,
  config: EvaluationConfig,
  entities: EVALUATION_ENTITIES,
  migrations: EVALUATION_MIGRATIONS,
} satisfies Omit<PlatformModuleOptions<EvaluationConfig>, 'role'>;
