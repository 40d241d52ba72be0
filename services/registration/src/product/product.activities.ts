import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RegistrationProductActivities } from '@ocop/contracts';
import type { ActivityProvider } from '@ocop/nest-common';
import { ProductEntity } from './product.entity';

/** Activities on the registration task queue that touch products. Each is idempotent. */
@Injectable()
export class ProductActivities implements RegistrationProductActivities, ActivityProvider {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  activities(): RegistrationProductActivities {
    return { attachProductWorkflow: this.attachProductWorkflow.bind(this) };
  }

  async attachProductWorkflow(input: { productId: string; workflowId: string; runId: string }): Promise<void> {
    const result = await this.dataSource
      .getRepository(ProductEntity)
      .update({ id: input.productId }, { workflowId: input.workflowId, workflowRunId: input.runId });
    if (result.affected === 0) throw new Error(`Product ${input.productId} does not exist`);
  }
}
