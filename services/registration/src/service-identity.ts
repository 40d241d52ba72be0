import type { ServiceIdentity } from '@ocop/nest-common';

export const REGISTRATION: ServiceIdentity = { name: 'registration', version: '0.1.0', schema: 'registration' };
