import { RegistrationInit1795380664132 } from './1795380664132-RegistrationInit';
import { LoadAdminUnits1795380700000 } from './1795380700000-LoadAdminUnits';

/** Every migration of the service, in order. Listed explicitly so builds, tests and bundles agree. */
export const REGISTRATION_MIGRATIONS = [RegistrationInit1795380664132, LoadAdminUnits1795380700000];
