import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { RegistrationConfig } from '../config/registration.config';
import { ProductCycleModule } from '../product-cycle/product-cycle.module';
import { ApplicationController } from './application.controller';
import { ApplicationService } from './application.service';

/** Applications for re-evaluation or an upgrade; the read model they check lives in the product-cycle module. */
@Module({
  imports: [
    ProductCycleModule,
    MulterModule.registerAsync({
      inject: [RegistrationConfig],
      useFactory: (config: RegistrationConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: config.DOCUMENT_MAX_BYTES * 2, files: 1, fields: 5 },
      }),
    }),
  ],
  controllers: [ApplicationController],
  providers: [ApplicationService],
})
export class ApplicationModule {}
