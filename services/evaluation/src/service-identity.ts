import type { ServiceIdentity } from '@ocop/nest-common';

export const EVALUATION: ServiceIdentity = { name: 'evaluation', version: '0.1.0', schema: 'evaluation' };
