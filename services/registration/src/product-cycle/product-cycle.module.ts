import { Module } from '@nestjs/common';
import { EventHandlerRegistry } from '@ocop/nest-common';
import { CERTIFICATE_READ_MODEL_HANDLERS } from './certificate-read-model.handlers';
import {
  ChainingEventHandlerRegistry,
  PLATFORM_EVENT_HANDLERS,
  PlatformEventHandlersModule,
} from './event-handler-chain';
import { EVALUATION_OUTCOME_HANDLERS } from './evaluation-outcome.handlers';
import { ProductCycleController } from './product-cycle.controller';
import { ProductCycleService } from './product-cycle.service';
import { ProductStageService } from './product-stage.service';

@Module({
  imports: [PlatformEventHandlersModule],
  controllers: [ProductCycleController],
  providers: [
    // Both handler sets follow some of the same evaluation events: chained, one handler per subject.
    {
      provide: EventHandlerRegistry,
      inject: [PLATFORM_EVENT_HANDLERS],
      useFactory: (platform: EventHandlerRegistry) => new ChainingEventHandlerRegistry(platform),
    },
    ProductCycleService,
    ProductStageService,
    ...EVALUATION_OUTCOME_HANDLERS,
    ...CERTIFICATE_READ_MODEL_HANDLERS,
  ],
  exports: [ProductStageService],
})
export class ProductCycleModule {}
