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
  /** The certificate in force, carried over continue-as-new. */
  certificate?: ProductCertificateState | null;
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

/** The product's current certificate as its workflow keeps it, with the expiry reminders already sent. */
export interface ProductCertificateState {
  certificateId: string;
  number: string;
  stars: number;
  /** Last valid day (YYYY-MM-DD, Asia/Ho_Chi_Minh); the certificate expires at the start of the next day. */
  validUntil: string;
  /** Days before expiry of the formal notice (OCOP.md §5.5: at least 30). */
  noticeDays: number;
  /** Days before expiry of the earlier reminder (configurable, e.g. 90). */
  reminderDays: number;
  regulationVersion: string;
  remindedAt?: string;
  noticedAt?: string;
  expiredAt?: string;
}

export type CertificateIssuedSignal = Omit<ProductCertificateState, 'remindedAt' | 'noticedAt' | 'expiredAt'>;

export const productCertificateQuery = defineQuery<ProductCertificateState | null>('certificate');
/** Evaluation issued a certificate for the product (a first one, an upgrade or a re-evaluation). */
export const certificateIssuedSignal = defineSignal<[CertificateIssuedSignal]>('certificateIssued');

/** Activities the product workflow calls on the evaluation service's task queue. Idempotent. */
export interface EvaluationCertificateActivities {
  /** Tells the producer and the commune that the certificate ends soon (event certificate.expiry-notice). */
  sendExpiryNotice(input: { certificateId: string; kind: 'reminder' | 'notice'; daysBefore: number }): Promise<void>;
  /** Ends a certificate whose validity ran out (event certificate.expired), unless it already ended. */
  expireCertificate(input: { certificateId: string; asOf: string }): Promise<{ expired: boolean }>;
}
