import { Module } from '@nestjs/common';
import { PlatformModule } from '@ocop/nest-common';
import { AdminUnitModule } from './admin-unit/admin-unit.module';
import { RegistrationConfig } from './config/registration.config';
import { REGISTRATION_ENTITIES } from './database/entities';
import { REGISTRATION_MIGRATIONS } from './database/migrations';
import { ProducerModule } from './producer/producer.module';
import { ProductModule } from './product/product.module';
import { REGISTRATION } from './service-identity';

@Module({
  imports: [
    PlatformModule.forRoot({
      identity: REGISTRATION,
      config: RegistrationConfig,
      entities: REGISTRATION_ENTITIES,
      migrations: REGISTRATION_MIGRATIONS,
      unitHierarchyModule: AdminUnitModule,
      role: 'api',
    }),
    AdminUnitModule,
    ProducerModule,
    ProductModule,
  ],
})
export class RegistrationApiModule {}
