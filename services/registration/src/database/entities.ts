import { AdminUnitMappingEntity } from '../admin-unit/admin-unit-mapping.entity';
import { AdminUnitEntity } from '../admin-unit/admin-unit.entity';
import { ProducerEntity } from '../producer/producer.entity';
import { ProductEntity } from '../product/product.entity';

export const REGISTRATION_ENTITIES = [AdminUnitEntity, AdminUnitMappingEntity, ProducerEntity, ProductEntity];
