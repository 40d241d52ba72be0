import 'reflect-metadata';
import { runApi } from '@ocop/nest-common';

runApi(async () => (await import('./app.module')).EvaluationApiModule, {
  title: 'OCOP evaluation',
  description: 'Criteria sets, councils, rounds, scorecards, star ranking, decisions and certificates.',
});
