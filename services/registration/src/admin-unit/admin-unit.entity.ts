import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const ADMIN_UNIT_ERAS = ['legacy', '2025'] as const;
export type AdminUnitEra = (typeof ADMIN_UNIT_ERAS)[number];
/** The era whose codes live records, tokens and APIs use. */
export const CURRENT_ERA: AdminUnitEra = '2025';

export const ADMIN_UNIT_LEVELS = ['province', 'district', 'commune'] as const;
export type AdminUnitLevel = (typeof ADMIN_UNIT_LEVELS)[number];

/**
 * An administrative unit of one era. Codes are reused across eras (legacy province 24 is Bắc Giang,
 * 2025 province 24 is Bắc Ninh), so the key is (era, code).
 */
@Entity({ name: 'admin_unit' })
@Index('ix_admin_unit_ancestors', { synchronize: false })
@Index('ix_admin_unit_parent', ['era', 'parentCode'])
export class AdminUnitEntity {
  @PrimaryColumn('text')
  era!: AdminUnitEra;

  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  level!: AdminUnitLevel;

  /** Vietnamese type: tinh, thanh-pho-trung-uong, huyen, quan, thi-xa, thanh-pho, xa, phuong, thi-tran, dac-khu. */
  @Column('text')
  kind!: string;

  @Column({ type: 'text', nullable: true })
  parentCode!: string | null;

  /** The unit's own code and those of the units above it, nearest first. GIN-indexed for subtree queries. */
  @Column('text', { array: true })
  ancestors!: string[];

  @Column({ type: 'date', nullable: true })
  validFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  validTo!: string | null;
}
