import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ProductGroup } from '@ocop/contracts';
import { RecordedEntity } from '@ocop/persistence';
import type { CriteriaSetDocument } from './criteria-set.rules';

/**
 * A criteria set (Bộ tiêu chí) as imported: immutable. Importing the same (version, group, subgroup) again
 * adds the next revision; a round pins a set by id.
 */
@Entity({ name: 'criteria_set' })
@Index('ux_criteria_set_key_revision', ['versionCode', 'group', 'subgroupKey', 'revision'], { unique: true })
export class CriteriaSetEntity extends RecordedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  versionCode!: string;

  @Column('text')
  group!: ProductGroup;

  /** A subgroup of the group, or null for the whole group. */
  @Column({ type: 'text', nullable: true })
  subgroup!: string | null;

  /** The subgroup, or '' for the whole group: part of the unique key (a nullable column would not be). */
  @Column('text')
  subgroupKey!: string;

  /** 1 for the first import of the key, then one more per import. */
  @Column('int')
  revision!: number;

  @Column('text')
  title!: string;

  @Column('text')
  source!: string;

  @Column('jsonb')
  document!: CriteriaSetDocument;

  @Column('int')
  criteriaCount!: number;
}
