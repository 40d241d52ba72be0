import 'reflect-metadata';
import { createWorkerContext, runMain } from '@ocop/nest-common';

runMain(async () => {
  const { RegistrationWorkerModule } = await import('./worker.module');
  await createWorkerContext(RegistrationWorkerModule);
});
