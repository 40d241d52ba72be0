import { Module } from '@nestjs/common';
import { ProductCycleController } from './product-cycle.controller';
import { ProductCycleService } from './product-cycle.service';
import { ProductStageService } from './product-stage.service';

@Module({
  controllers: [ProductCycleController],
  providers: [ProductCycleService, ProductStageService],
  exports: [ProductStageService],
})
export class ProductCycleModule {}
