import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What was achieved or spent: a manual target's actual (year 0), or a budget line's spending in a year.
 * Changes are kept in the change log (change_record).
 */
@Entity({ name: 'plan_actual' })
export class PlanActualEntity {
  @PrimaryColumn('text')
  planCode!: string;

  /** target or budget */
  @PrimaryColumn('text')
  kind!: 'target' | 'budget';

  /** The target's or the budget line's code. */
  @PrimaryColumn('text')
  itemCode!: string;

  /** The budget year; 0 for a target. */
  @PrimaryColumn('int')
  year!: number;

  @Column({
    type: 'numeric',
    precision: 20,
    scale: 2,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  value!: number;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column('text')
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
