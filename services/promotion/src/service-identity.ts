import type { ServiceIdentity } from '@ocop/nest-common';

export const PROMOTION: ServiceIdentity = { name: 'promotion', version: '0.1.0', schema: 'promotion' };
