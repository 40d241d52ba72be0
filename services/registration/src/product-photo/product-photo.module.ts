import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { RegistrationConfig } from '../config/registration.config';
import { ProductCycleModule } from '../product-cycle/product-cycle.module';
import { ProductPhotoController } from './product-photo.controller';
import { ProductPhotoService } from './product-photo.service';

@Module({
  imports: [
    ProductCycleModule,
    MulterModule.registerAsync({
      inject: [RegistrationConfig],
      // Checked in memory before anything is stored; multer stops reading at twice the limit.
      useFactory: (config: RegistrationConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: config.PHOTO_MAX_BYTES * 2, files: 1, fields: 5 },
      }),
    }),
  ],
  controllers: [ProductPhotoController],
  providers: [ProductPhotoService],
})
export class ProductPhotoModule {}
