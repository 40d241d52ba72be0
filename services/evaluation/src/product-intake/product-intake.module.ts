import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductIntakeController } from './product-intake.controller';
import { ProductIntakeEntity } from './product-intake.entity';
import { ProductIntakeService } from './product-intake.service';
import { ProductRegisteredHandler } from './product-registered.handler';
import { ProductStageChangedHandler } from './product-stage-changed.handler';
import { ProductUpdatedHandler } from './product-updated.handler';

@Module({
  imports: [TypeOrmModule.forFeature([ProductIntakeEntity])],
  controllers: [ProductIntakeController],
  providers: [ProductIntakeService, ProductRegisteredHandler, ProductStageChangedHandler, ProductUpdatedHandler],
})
export class ProductIntakeModule {}
