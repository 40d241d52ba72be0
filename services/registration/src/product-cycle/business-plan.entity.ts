import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RecordedEntity } from '@ocop/persistence';

/** A product's production/business plan (phương án sản xuất kinh doanh), step 3 of the cycle. */
@Entity({ name: 'business_plan' })
export class BusinessPlanEntity extends RecordedEntity {
  @PrimaryColumn('uuid')
  productId!: string;

  @Column('text')
  summary!: string;

  /** Planned investment in VND. */
  @Column('bigint', { nullable: true })
  investmentVnd!: string | null;

  @Column({ type: 'text', nullable: true })
  annualCapacity!: string | null;

  @Column({ type: 'text', nullable: true })
  targetMarkets!: string | null;

  @Column({ type: 'text', nullable: true })
  consultant!: string | null;
}
