import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which 2025 unit now contains a legacy unit (one row per successor when a commune was split). */
@Entity({ name: 'admin_unit_mapping' })
export class AdminUnitMappingEntity {
  @PrimaryColumn('text')
  legacyCode!: string;

  @PrimaryColumn('text')
  legacyLevel!: string;

  @PrimaryColumn('text')
  newCode!: string;

  @Column('text')
  newLevel!: string;

  /** `split`, `partial`, `secondary-source` or empty. */
  @Column('text', { default: '' })
  note!: string;
}
