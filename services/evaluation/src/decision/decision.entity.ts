import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { RevocationReason } from '@ocop/contracts';
import { RecordedEntity } from '@ocop/persistence';
import type { CouncilLevel } from '../regulation/regulation.rules';

export type DecisionKind = 'recognition' | 'revocation';

/** A decision (quyết định) of the recognising level: recognition of a round's products, or a revocation. */
@Entity({ name: 'decision' })
@Unique('uq_decision_issuer_number', ['issuingUnitCode', 'number'])
@Index('ix_decision_round', ['roundId'])
export class DecisionEntity extends RecordedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  kind!: DecisionKind;

  /** e.g. 1234/QĐ-UBND. */
  @Column('text')
  number!: string;

  @Column('date')
  decisionDate!: string;

  @Column('text')
  signerName!: string;

  @Column('text')
  signerTitle!: string;

  @Column('text')
  level!: CouncilLevel;

  @Column('text')
  issuingUnitCode!: string;

  /** e.g. Ủy ban nhân dân huyện Lạng Giang. */
  @Column('text')
  issuerName!: string;

  @Column('text')
  provinceCode!: string;

  @Column({ type: 'uuid', nullable: true })
  roundId!: string | null;

  @Column({ type: 'text', nullable: true })
  revocationReason!: RevocationReason | null;

  /** Reference of the council's minutes (biên bản) the decision rests on. */
  @Column({ type: 'text', nullable: true })
  minutesRef!: string | null;
}
