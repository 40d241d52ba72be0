import { EvaluationInit1795380938753 } from './1795380938753-EvaluationInit';

/** Every migration of the service, in order. Listed explicitly so builds, tests and bundles agree. */
export const EVALUATION_MIGRATIONS = [EvaluationInit1795380938753];
