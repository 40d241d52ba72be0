import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A product group (nhóm). Current groups decide the criteria set; 2018 groups map onto current ones. */
@Entity({ name: 'product_group' })
export class ProductGroupEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  nameVi!: string;

  @Column('text')
  nameEn!: string;

  /** True for the 2018 groups, kept so historical data loads. */
  @Column('boolean', { default: false })
  legacy!: boolean;

  /** For a 2018 group: the current group (and subgroup) it maps to. */
  @Column({ type: 'text', nullable: true })
  mapsTo!: string | null;

  @Column({ type: 'text', nullable: true })
  mapsToSubgroup!: string | null;
}

@Entity({ name: 'product_subgroup' })
@Index('ix_product_subgroup_group', ['groupCode'])
export class ProductSubgroupEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  groupCode!: string;

  @Column('text')
  nameVi!: string;

  @Column('text')
  nameEn!: string;
}

/** Which legal forms may hold products of a group (e.g. tourism associations only tourism services). */
@Entity({ name: 'product_group_legal_form' })
export class ProductGroupLegalFormEntity {
  @PrimaryColumn('text')
  groupCode!: string;

  @PrimaryColumn('text')
  legalForm!: string;
}
