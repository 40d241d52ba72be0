import { Module } from '@nestjs/common';
import { PlatformModule } from '@ocop/nest-common';
import { AdminUnitModule } from './admin-unit/admin-unit.module';
import { ProducerModule } from './producer/producer.module';
import { ProductModule } from './product/product.module';
import { ProductCycleModule } from './product-cycle/product-cycle.module';
import { CycleCalendarModule } from './cycle-calendar/cycle-calendar.module';
import { DossierModule } from './dossier/dossier.module';
import { ProductGroupModule } from './product-group/product-group.module';
import { REGISTRATION_PLATFORM } from './platform';

@Module({
  imports: [
    PlatformModule.forRoot({
      ...REGISTRATION_PLATFORM,
      unitHierarchyModule: AdminUnitModule,
      role: 'api',
    }),
    AdminUnitModule,
    ProducerModule,
    ProductGroupModule,
    ProductModule,
    ProductCycleModule,
    DossierModule,
    CycleCalendarModule,
  ],
})
export class RegistrationApiModule {}
