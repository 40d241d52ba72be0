import 'reflect-metadata';
import { BaseServiceConfig, createHttpApp, runMain } from '@ocop/nest-common';

runMain(async () => {
  const { RegistrationApiModule } = await import('./app.module');
  const app = await createHttpApp(RegistrationApiModule, {
    title: 'OCOP registration',
    description: 'Producers, products, administrative units and the intake of the annual OCOP cycle.',
  });
  const config = app.get(BaseServiceConfig);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
});
