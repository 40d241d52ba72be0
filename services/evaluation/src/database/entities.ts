import { ProductIntakeEntity } from '../product-intake/product-intake.entity';

export const EVALUATION_ENTITIES = [ProductIntakeEntity];
