import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { Repository } from 'typeorm';
import { productHistoryQuery, productStageQuery } from '@ocop/contracts';
import { AppException, defineErrors, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import type { ProductLifecycleView } from './dto/product-lifecycle.view';
import { ProductIntakeEntity } from './product-intake.entity';

export const ProductIntakeErrors = defineErrors({
  PRODUCT_NOT_IN_EVALUATION: {
    status: 404,
    vi: 'Sản phẩm {productId} chưa được tiếp nhận vào đánh giá',
    en: 'Product {productId} has not reached evaluation',
  },
});

@Injectable()
export class ProductIntakeService {
  constructor(
    @InjectRepository(ProductIntakeEntity) private readonly intakes: Repository<ProductIntakeEntity>,
    private readonly jurisdiction: JurisdictionService,
    private readonly temporal: Client,
  ) {}

  /** The product's stage and history, asked of its running workflow. */
  async lifecycle(user: AuthUser, productId: string): Promise<ProductLifecycleView> {
    const intake = await this.intakes.findOne({ where: { productId } });
    if (!intake) throw new AppException(ProductIntakeErrors.PRODUCT_NOT_IN_EVALUATION, { productId });
    await this.jurisdiction.assertWithin(user, intake.communeCode);
    const handle = this.temporal.workflow.getHandle(intake.workflowId);
    try {
      const [stage, history] = await Promise.all([handle.query(productStageQuery), handle.query(productHistoryQuery)]);
      return {
        productId,
        name: intake.name,
        producerName: intake.producerName,
        workflowId: intake.workflowId,
        stage,
        history,
      };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        throw new AppException(ProductIntakeErrors.PRODUCT_NOT_IN_EVALUATION, { productId });
      }
      throw error;
    }
  }
}
