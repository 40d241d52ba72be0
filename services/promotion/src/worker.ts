import 'reflect-metadata';
import { runWorker } from '@ocop/nest-common';

runWorker(async () => (await import('./worker.module')).PromotionWorkerModule);
