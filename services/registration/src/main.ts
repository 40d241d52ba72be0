import 'reflect-metadata';
import { runApi } from '@ocop/nest-common';

runApi(async () => (await import('./app.module')).RegistrationApiModule, {
  title: 'OCOP registration',
  description: 'Producers, products, administrative units and the intake of the annual OCOP cycle.',
});
