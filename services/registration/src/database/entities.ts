import { ChangeRecordEntity } from '@ocop/persistence';
import { AdminUnitMappingEntity } from '../admin-unit/admin-unit-mapping.entity';
import { AdminUnitEntity } from '../admin-unit/admin-unit.entity';
import { ApplicationDocumentEntity, ProductApplicationEntity } from '../application/application.entity';
import { CycleEntity } from '../cycle-calendar/cycle.entity';
import { DossierDocumentEntity, DossierEntity } from '../dossier/dossier.entity';
import { PreAssessmentEntity } from '../dossier/pre-assessment.entity';
import { ProducerEntity } from '../producer/producer.entity';
import { ProductEntity } from '../product/product.entity';
import { ProductTallyEntity } from '../product/product-tally.entity';
import { BusinessPlanEntity } from '../product-cycle/business-plan.entity';
import { ProductCertificateEntity } from '../product-cycle/product-certificate.entity';
import { ProductSelectionEntity } from '../product-cycle/product-selection.entity';
import { ProductPhotoEntity } from '../product-photo/product-photo.entity';
import {
  ProductGroupEntity,
  ProductGroupLegalFormEntity,
  ProductSubgroupEntity,
} from '../product-group/product-group.entity';

export const REGISTRATION_ENTITIES = [
  AdminUnitEntity,
  AdminUnitMappingEntity,
  ProducerEntity,
  ProductEntity,
  ProductTallyEntity,
  ProductGroupEntity,
  ProductSubgroupEntity,
  ProductGroupLegalFormEntity,
  ProductSelectionEntity,
  BusinessPlanEntity,
  DossierEntity,
  DossierDocumentEntity,
  PreAssessmentEntity,
  CycleEntity,
  ProductPhotoEntity,
  ProductCertificateEntity,
  ProductApplicationEntity,
  ApplicationDocumentEntity,
  ChangeRecordEntity,
];
