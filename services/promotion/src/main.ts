import 'reflect-metadata';
import { runApi } from '@ocop/nest-common';

runApi(async () => (await import('./app.module')).PromotionApiModule, {
  title: 'OCOP promotion',
  description: 'Fairs and events, sales points, e-commerce listings, rewards and producer support.',
});
