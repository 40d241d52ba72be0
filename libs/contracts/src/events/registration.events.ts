import type { LegalForm } from '../domain/producer';
import type { ProductGroup, ProductStage } from '../domain/product';
import type { CycleStep, IntakeWindow, IntakeWindowState } from '../workflows/cycle.contract';
import { defineEvent } from './envelope';

export interface ProducerRegisteredV1 {
  producerId: string;
  name: string;
  legalForm: LegalForm;
  taxCode: string;
  provinceCode: string;
  communeCode: string;
  registeredAt: string;
}

export interface ProducerUpdatedV1 {
  producerId: string;
  /** The producer's version after the change (1 is the registration). */
  version: number;
  /** Names of the fields that changed (values stay in registration; contacts are personal data). */
  changedFields: string[];
  name: string;
  legalForm: LegalForm;
  provinceCode: string;
  communeCode: string;
  updatedAt: string;
}

export interface ProductRegisteredV1 {
  productId: string;
  name: string;
  group: ProductGroup;
  /** Added after v1's first release: absent in older events, which read as null. */
  subgroup?: string | null;
  producerId: string;
  producerName: string;
  provinceCode: string;
  communeCode: string;
  /** OCOP cycle year (calendar year in Asia/Ho_Chi_Minh) the product entered. */
  cycleYear: number;
  registeredAt: string;
}

export interface ProductUpdatedV1 {
  productId: string;
  changedFields: string[];
  name: string;
  subgroup: string | null;
  updatedAt: string;
}

export interface ProductStageChangedV1 {
  productId: string;
  from: ProductStage;
  to: ProductStage;
  /** The action and, where one was given, the officer's reason. */
  reason: string;
  provinceCode: string;
  communeCode: string;
  changedAt: string;
}

export interface ProductSelectionReturnedV1 {
  productId: string;
  reason: string;
  provinceCode: string;
  communeCode: string;
  returnedAt: string;
}

export interface DossierDocumentAddedV1 {
  productId: string;
  documentId: string;
  /** Checklist item code, e.g. test_results. */
  item: string;
  sha256: string;
  sizeBytes: number;
  /** True when it replaces an earlier file for the same item. */
  amendment: boolean;
  uploadedAt: string;
}

export interface ProductPreAssessedV1 {
  productId: string;
  passed: boolean;
  /** The criteria found not met (empty when passed). */
  unmetCriteria: string[];
  communeCode: string;
  assessedOn: string;
}

export interface CycleStartedV1 {
  unitCode: string;
  year: number;
  provinceCode: string;
  workflowId: string;
  startedBy: string;
}

export interface CycleWindowChangedV1 {
  unitCode: string;
  year: number;
  provinceCode: string;
  window: IntakeWindow;
  state: IntakeWindowState;
  changedAt: string;
}

/** A reminder to the communes of a unit (reporting turns it into notifications). */
export interface CycleReminderV1 {
  unitCode: string;
  year: number;
  provinceCode: string;
  step: CycleStep;
  kind: 'step_starts' | 'window_closes' | 'deadline';
  /** The day the reminder is about: the step's first day, the window's last day, or the deadline. */
  date: string;
  daysLeft: number;
  messageVi: string;
}

/** What a producer applies for on a certified product (OCOP.md §4-5): a round mixes these with new products. */
export const PRODUCT_APPLICATION_KINDS = ['re_evaluation', 'upgrade'] as const;
export type ProductApplicationKind = (typeof PRODUCT_APPLICATION_KINDS)[number];

export interface ProductApplicationFiledV1 {
  applicationId: string;
  productId: string;
  producerId: string;
  kind: ProductApplicationKind;
  /** The certificate to renew (re-evaluation) or to replace with a higher one (upgrade). */
  certificateId: string;
  certificateNumber: string;
  currentStars: number;
  /** Upgrade only; null for re-evaluation. */
  targetStars: number | null;
  /** Last valid day of the certificate (YYYY-MM-DD). */
  validUntil: string;
  provinceCode: string;
  communeCode: string;
  filedBy: string;
  filedAt: string;
}

export interface ProductApplicationWithdrawnV1 {
  applicationId: string;
  productId: string;
  kind: ProductApplicationKind;
  reason: string;
  provinceCode: string;
  communeCode: string;
  withdrawnBy: string;
  withdrawnAt: string;
}

export interface ProductPhotoAddedV1 {
  productId: string;
  photoId: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  caption: string | null;
  position: number;
  uploadedAt: string;
}

export interface ProductPhotoRemovedV1 {
  productId: string;
  photoId: string;
  removedBy: string;
  removedAt: string;
}

export const RegistrationEvents = {
  producerRegistered: defineEvent<ProducerRegisteredV1>('ocop.registration.producer.registered.v1'),
  producerUpdated: defineEvent<ProducerUpdatedV1>('ocop.registration.producer.updated.v1'),
  productRegistered: defineEvent<ProductRegisteredV1>('ocop.registration.product.registered.v1'),
  productUpdated: defineEvent<ProductUpdatedV1>('ocop.registration.product.updated.v1'),
  productStageChanged: defineEvent<ProductStageChangedV1>('ocop.registration.product.stage-changed.v1'),
  dossierDocumentAdded: defineEvent<DossierDocumentAddedV1>('ocop.registration.dossier.document-added.v1'),
  productPreAssessed: defineEvent<ProductPreAssessedV1>('ocop.registration.product.pre-assessed.v1'),
  productSelectionReturned: defineEvent<ProductSelectionReturnedV1>('ocop.registration.product.selection-returned.v1'),
  cycleStarted: defineEvent<CycleStartedV1>('ocop.registration.cycle.started.v1'),
  cycleWindowChanged: defineEvent<CycleWindowChangedV1>('ocop.registration.cycle.window-changed.v1'),
  cycleReminder: defineEvent<CycleReminderV1>('ocop.registration.cycle.reminder.v1'),
  productApplicationFiled: defineEvent<ProductApplicationFiledV1>('ocop.registration.product.application-filed.v1'),
  productApplicationWithdrawn: defineEvent<ProductApplicationWithdrawnV1>(
    'ocop.registration.product.application-withdrawn.v1',
  ),
  productPhotoAdded: defineEvent<ProductPhotoAddedV1>('ocop.registration.product.photo-added.v1'),
  productPhotoRemoved: defineEvent<ProductPhotoRemovedV1>('ocop.registration.product.photo-removed.v1'),
} as const;
