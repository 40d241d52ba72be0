import type { ProductStage } from '@ocop/contracts';
import { AppException } from '@ocop/nest-common';
import { RegistrationErrors } from '../registration.errors';
import type { ProductEntity } from './product.entity';

/**
 * Stages in which what was submitted about a product (name, subgroup, description, origin, photos) may still
 * change. Once it is in a round (or beyond), what the council scores must match the dossier.
 */
export const EDITABLE_STAGES: readonly ProductStage[] = [
  'idea',
  'selected',
  'business_plan',
  'dossier',
  'pre_assessed',
];

export function assertProductEditable(product: ProductEntity): void {
  if (!EDITABLE_STAGES.includes(product.status))
    throw new AppException(RegistrationErrors.PRODUCT_LOCKED, { stage: product.status });
}
