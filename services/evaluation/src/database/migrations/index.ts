import { EvaluationInit1795380938753 } from './1795380938753-EvaluationInit';
import { RegulationOverrides1795385229616 } from './1795385229616-RegulationOverrides';
import { Councils1795385422779 } from './1795385422779-Councils';
import { CriteriaSets1795389518555 } from './1795389518555-CriteriaSets';
import { Rounds1795389700243 } from './1795389700243-Rounds';
import { CouncilMembersKept1795390229699 } from './1795390229699-CouncilMembersKept';
import { AuditLogScope1795399900000 } from './1795399900000-AuditLogScope';
import { CertificatesFromRegister1795400200000 } from './1795400200000-CertificatesFromRegister';

/** Every migration of the service, in order. Listed explicitly so builds, tests and bundles agree. */
export const EVALUATION_MIGRATIONS = [
  EvaluationInit1795380938753,
  RegulationOverrides1795385229616,
  Councils1795385422779,
  CriteriaSets1795389518555,
  Rounds1795389700243,
  CouncilMembersKept1795390229699,
  AuditLogScope1795399900000,
  CertificatesFromRegister1795400200000,
];
