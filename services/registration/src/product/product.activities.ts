import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RegistrationProductActivities } from '@ocop/contracts';
import type { ActivityProvider } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { SYSTEM_ACTOR, unitOf } from '../registration.audit';
import { ProductEntity } from './product.entity';

/** Activities on the registration task queue that touch products. Each is idempotent. */
@Injectable()
export class ProductActivities implements RegistrationProductActivities, ActivityProvider {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  activities(): RegistrationProductActivities {
    return { attachProductWorkflow: this.attachProductWorkflow.bind(this) };
  }

  /** Records the product's workflow run on it; a retry that finds it recorded changes nothing. */
  async attachProductWorkflow(input: { productId: string; workflowId: string; runId: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const product = await manager.findOne(ProductEntity, {
        where: { id: input.productId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!product) throw new Error(`Product ${input.productId} does not exist`);
      const after = { workflowId: input.workflowId, workflowRunId: input.runId };
      const changes = diffFields(product, after, ['workflowId', 'workflowRunId']);
      if (Object.keys(changes).length === 0) return;
      await manager.update(ProductEntity, { id: input.productId }, after);
      await recordChanges(manager, [
        {
          entityType: 'product',
          entityId: product.id,
          action: 'workflow_attached',
          changes,
          changedBy: SYSTEM_ACTOR,
          ...unitOf(product),
        },
      ]);
    });
  }
}
