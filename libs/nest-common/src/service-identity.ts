import type { ServiceName } from '@ocop/contracts';

export interface ServiceIdentity {
  name: ServiceName;
  version: string;
  /** Postgres schema the service owns. */
  schema: string;
}

export const SERVICE_IDENTITY = Symbol('SERVICE_IDENTITY');
