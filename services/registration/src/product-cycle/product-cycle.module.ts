import { Module } from '@nestjs/common';
import { ProductCycleController } from './product-cycle.controller';
import { ProductCycleService } from './product-cycle.service';
import { EVALUATION_OUTCOME_HANDLERS } from './evaluation-outcome.handlers';
import { ProductStageService } from './product-stage.service';

@Module({
  controllers: [ProductCycleController],
  providers: [ProductCycleService, ProductStageService, ...EVALUATION_OUTCOME_HANDLERS],
  exports: [ProductStageService],
})
export class ProductCycleModule {}
