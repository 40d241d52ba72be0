import type { ServiceIdentity } from '@ocop/nest-common';

export const REPORTING: ServiceIdentity = { name: 'reporting', version: '0.1.0', schema: 'reporting' };
