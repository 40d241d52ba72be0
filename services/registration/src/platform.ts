import type { PlatformModuleOptions } from '@ocop/nest-common';
import { RegistrationConfig } from './config/registration.config';
import { REGISTRATION_ENTITIES } from './database/entities';
import { REGISTRATION_MIGRATIONS } from './database/migrations';
import { REGISTRATION } from './service-identity';

/** What the API and the worker of registration share; each adds its role. */
export const REGISTRATION_PLATFORM = {
  identity: REGISTRATION,
  config: RegistrationConfig,
  entities: REGISTRATION_ENTITIES,
  migrations: REGISTRATION_MIGRATIONS,
} satisfies Omit<PlatformModuleOptions<RegistrationConfig>, 'role'>;
