import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { RegistrationConfig } from '../config/registration.config';
import { ProductCycleModule } from '../product-cycle/product-cycle.module';
import { DossierController } from './dossier.controller';
import { DossierService } from './dossier.service';

@Module({
  imports: [
    ProductCycleModule,
    MulterModule.registerAsync({
      inject: [RegistrationConfig],
      // Files are checked in memory before they are stored; multer stops reading at twice the limit.
      useFactory: (config: RegistrationConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: config.DOCUMENT_MAX_BYTES * 2, files: 1, fields: 5 },
      }),
    }),
  ],
  controllers: [DossierController],
  providers: [DossierService],
})
export class DossierModule {}
