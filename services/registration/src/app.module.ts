import { Module } from '@nestjs/common';
import { AuditLogModule, PlatformModule } from '@ocop/nest-common';
import { AdminUnitModule } from './admin-unit/admin-unit.module';
import { ApplicationModule } from './application/application.module';
import { ProducerModule } from './producer/producer.module';
import { ProductModule } from './product/product.module';
import { ProductCycleModule } from './product-cycle/product-cycle.module';
import { CycleCalendarModule } from './cycle-calendar/cycle-calendar.module';
import { DocumentStorageModule } from './document-storage/document-storage.module';
import { DossierModule } from './dossier/dossier.module';
import { ProductGroupModule } from './product-group/product-group.module';
import { ProductPhotoModule } from './product-photo/product-photo.module';
import { REGISTRATION_PLATFORM } from './platform';

@Module({
  imports: [
    PlatformModule.forRoot({
      ...REGISTRATION_PLATFORM,
      unitHierarchyModule: AdminUnitModule,
      role: 'api',
    }),
    AuditLogModule,
    DocumentStorageModule,
    AdminUnitModule,
    ProducerModule,
    ProductGroupModule,
    ProductModule,
    ProductCycleModule,
    DossierModule,
    ProductPhotoModule,
    ApplicationModule,
    CycleCalendarModule,
  ],
})
export class RegistrationApiModule {}
