import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ProductGroup, ProductStage } from '../domain/product';

export const PRODUCT_LIFECYCLE_WORKFLOW = 'productLifecycle';

export interface ProductLifecycleInput {
  productId: string;
  productName: string;
  producerName: string;
  group: ProductGroup;
  provinceCode: string;
  communeCode: string;
  cycleYear: number;
  /** Stage the product was in when the workflow (or its continuation) started. */
  stage: ProductStage;
  /** History carried over continue-as-new. */
  history?: ProductStageChange[];
}

export interface ProductStageChange {
  stage: ProductStage;
  at: string;
  reason: string;
}

export interface ProductStageChangedSignal {
  stage: ProductStage;
  reason: string;
}

export const productStageQuery = defineQuery<ProductStage>('stage');
export const productHistoryQuery = defineQuery<ProductStageChange[]>('history');
export const productStageChangedSignal = defineSignal<[ProductStageChangedSignal]>('stageChanged');

/** Activities the product workflow calls on the registration service's task queue. */
export interface RegistrationProductActivities {
  /** Records on the product that its lifecycle workflow runs; idempotent. */
  attachProductWorkflow(input: { productId: string; workflowId: string; runId: string }): Promise<void>;
}
