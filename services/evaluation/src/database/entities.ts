import { CouncilEntity, CouncilMemberEntity } from '../council/council.entity';
import { ProductIntakeEntity } from '../product-intake/product-intake.entity';
import { RegulationOverrideEntity } from '../regulation/regulation-override.entity';

export const EVALUATION_ENTITIES = [ProductIntakeEntity, RegulationOverrideEntity, CouncilEntity, CouncilMemberEntity];
