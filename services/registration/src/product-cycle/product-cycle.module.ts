import { Module } from '@nestjs/common';
import { CERTIFICATE_READ_MODEL_HANDLERS } from './certificate-read-model.handlers';
import { EVALUATION_OUTCOME_HANDLERS } from './evaluation-outcome.handlers';
import { ProductCycleController } from './product-cycle.controller';
import { ProductCycleService } from './product-cycle.service';
import { ProductStageService } from './product-stage.service';

@Module({
  controllers: [ProductCycleController],
  // Both handler sets follow some of the same evaluation events; the consumer runs a subject's handlers
  // one after the other in the event's transaction.
  providers: [
    ProductCycleService,
    ProductStageService,
    ...EVALUATION_OUTCOME_HANDLERS,
    ...CERTIFICATE_READ_MODEL_HANDLERS,
  ],
  exports: [ProductStageService],
})
export class ProductCycleModule {}
