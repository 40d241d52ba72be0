import 'reflect-metadata';
import { runApi } from '@ocop/nest-common';

runApi(async () => (await import('./app.module')).ReportingApiModule, {
  title: 'OCOP reporting',
  description: 'Reporting obligations and deadlines, reports up the administrative hierarchy, targets and exports.',
});
