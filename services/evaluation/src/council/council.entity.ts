import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { RecordedEntity } from '@ocop/persistence';
import type { CouncilLevel } from '../regulation/regulation.rules';
import type { MemberRole } from './council.rules';

/** An evaluation council (Hội đồng đánh giá, phân hạng) of a level and unit, sitting for a term. */
@Entity({ name: 'council' })
@Index('ix_council_province_level', ['provinceCode', 'level'])
export class CouncilEntity extends RecordedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  level!: CouncilLevel;

  /** The unit whose council it is: a legacy district code (3 digits), a province code, or VN. */
  @Column('text')
  unitCode!: string;

  /** The current province the council belongs to (jurisdiction); VN for the national council. */
  @Column('text')
  provinceCode!: string;

  @Column('date')
  termStart!: string;

  @Column({ type: 'date', nullable: true })
  termEnd!: string | null;

  /** Share of scoring members needed for a session to decide (OCOP.md §5.4 default 0.75). */
  @Column('real', { default: 0.75 })
  quorumMinShare!: number;

  @Column('boolean', { default: true })
  quorumChairRequired!: boolean;

  @OneToMany(() => CouncilMemberEntity, (member) => member.council)
  members?: CouncilMemberEntity[];
}

@Entity({ name: 'council_member' })
@Index('ix_council_member_council', ['councilId'])
@Index('ix_council_member_user', ['userId'])
export class CouncilMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  councilId!: string;

  @ManyToOne(() => CouncilEntity, (council) => council.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'council_id' })
  council?: CouncilEntity;

  @Column('text')
  fullName!: string;

  /** Department or body the member comes from, e.g. Sở Nông nghiệp và Môi trường. */
  @Column('text')
  organisation!: string;

  @Column('text')
  role!: MemberRole;

  /** The member's account (token `sub`), so they can score; null until they have one. */
  @Column({ type: 'text', nullable: true })
  userId!: string | null;

  /**
   * False once replaced by a new composition. Members are never deleted: past rounds' scorecards,
   * attendance and exports keep pointing at them.
   */
  @Column('boolean', { default: true })
  active!: boolean;
}
