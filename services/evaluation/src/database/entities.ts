import { ChangeRecordEntity } from '@ocop/persistence';
import { CertificateEntity, CertificateSeriesEntity } from '../certificate/certificate.entity';
import { CouncilEntity, CouncilMemberEntity } from '../council/council.entity';
import { CriteriaSetEntity } from '../criteria-set/criteria-set.entity';
import { DecisionEntity } from '../decision/decision.entity';
import { ProductIntakeEntity } from '../product-intake/product-intake.entity';
import { RegulationOverrideEntity } from '../regulation/regulation-override.entity';
import { RecusalEntity, RoundAttendanceEntity, RoundEntity, RoundEntryEntity } from '../round/round.entity';
import { ScorecardEntity } from '../scorecard/scorecard.entity';

export const EVALUATION_ENTITIES = [
  ProductIntakeEntity,
  RegulationOverrideEntity,
  CouncilEntity,
  CouncilMemberEntity,
  CriteriaSetEntity,
  RoundEntity,
  RoundEntryEntity,
  RoundAttendanceEntity,
  RecusalEntity,
  ScorecardEntity,
  DecisionEntity,
  CertificateEntity,
  CertificateSeriesEntity,
  ChangeRecordEntity,
];
