import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LegalForm, ProductGroup, ProductStage } from '@ocop/contracts';

/**
 * How many products there are per province, group, stage, cycle year and legal form. Written only by the
 * database's triggers on `product` (migration ProductTally), never by the service: read it, do not save it.
 */
@Entity({ name: 'product_tally' })
export class ProductTallyEntity {
  @PrimaryColumn('text')
  provinceCode!: string;

  @PrimaryColumn('text')
  group!: ProductGroup;

  @PrimaryColumn('text')
  status!: ProductStage;

  @PrimaryColumn('int')
  cycleYear!: number;

  @PrimaryColumn('text')
  producerLegalForm!: LegalForm;

  @Column('int')
  products!: number;
}
