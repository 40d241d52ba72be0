import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { FieldChanges } from '@ocop/persistence';

/** One version of a producer: who changed what, from which value to which. Never updated or deleted. */
@Entity({ name: 'producer_change' })
export class ProducerChangeEntity {
  @PrimaryColumn('uuid')
  producerId!: string;

  @PrimaryColumn('int')
  version!: number;

  /** `{ field: [old, new] }`; for version 1 the old values are null. */
  @Column('jsonb')
  changes!: FieldChanges;

  @Column('text')
  changedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt!: Date;
}
