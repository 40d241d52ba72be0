import { Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import {
  PRODUCT_LIFECYCLE_WORKFLOW,
  productWorkflowId,
  RegistrationEvents,
  SearchAttributes,
  TaskQueues,
  type EventEnvelope,
  type ProductLifecycleInput,
  type ProductRegisteredV1,
} from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { EventHandlerRegistry } from '@ocop/nest-common';
import { ProductIntakeEntity } from './product-intake.entity';

/**
 * A product registered upstream enters evaluation's records and gets its lifecycle workflow
 * `product-<id>`. Redelivery is harmless: the inbox skips a handled event, and Temporal refuses a second
 * workflow with the same id.
 */
@Injectable()
export class ProductRegisteredHandler implements EventHandler<ProductRegisteredV1> {
  readonly contract = RegistrationEvents.productRegistered;
  private readonly logger = new Logger(ProductRegisteredHandler.name);

  constructor(
    registry: EventHandlerRegistry,
    private readonly temporal: Client,
  ) {
    registry.register(this);
  }

  orderingKey(event: EventEnvelope<ProductRegisteredV1>): string {
    return event.data.productId;
  }

  async handle(event: EventEnvelope<ProductRegisteredV1>, manager: EntityManager): Promise<void> {
    const product = event.data;
    const workflowId = productWorkflowId(product.productId);
    await manager
      .createQueryBuilder()
      .insert()
      .into(ProductIntakeEntity)
      .values({
        productId: product.productId,
        name: product.name,
        producerId: product.producerId,
        producerName: product.producerName,
        group: product.group,
        subgroup: product.subgroup ?? null,
        provinceCode: product.provinceCode,
        communeCode: product.communeCode,
        cycleYear: product.cycleYear,
        workflowId,
        sourceEventId: event.id,
      })
      .orIgnore()
      .execute();
    const input: ProductLifecycleInput = {
      productId: product.productId,
      productName: product.name,
      producerName: product.producerName,
      group: product.group,
      provinceCode: product.provinceCode,
      communeCode: product.communeCode,
      cycleYear: product.cycleYear,
      stage: 'idea',
    };
    try {
      await this.temporal.workflow.start(PRODUCT_LIFECYCLE_WORKFLOW, {
        workflowId,
        taskQueue: TaskQueues.evaluation,
        args: [input],
        staticSummary: `${product.name} — ${product.producerName}`,
        staticDetails: `Product ${product.productId}, commune ${product.communeCode}, province ${product.provinceCode}, cycle ${product.cycleYear}`,
        typedSearchAttributes: [
          { key: SearchAttributes.province, value: product.provinceCode },
          { key: SearchAttributes.commune, value: product.communeCode },
          { key: SearchAttributes.productGroup, value: product.group },
          { key: SearchAttributes.stage, value: input.stage },
          { key: SearchAttributes.cycleYear, value: product.cycleYear },
        ],
      });
      this.logger.log(`Started ${workflowId} for "${product.name}"`);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}
