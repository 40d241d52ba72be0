import { ApiProperty } from '@nestjs/swagger';
import type { RoundEntryKind, RoundPhase } from '@ocop/contracts';
import type { Outcome } from '../../regulation/regulation.rules';
import type { RoundEntity, RoundEntryEntity } from '../round.entity';
import { ROUND_ENTRY_KINDS, ROUND_PHASES } from '../round.rules';

export class RoundView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['district', 'province', 'national'] }) level!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty({ format: 'uuid' }) councilId!: string;
  @ApiProperty({ example: '148/2023' }) versionCode!: string;
  @ApiProperty() dossierDeadline!: string;
  @ApiProperty() meetingDate!: string;
  @ApiProperty() scoringDeadline!: string;
  @ApiProperty({ enum: ROUND_PHASES }) phase!: RoundPhase;
  @ApiProperty({ enum: ['mean', 'median'] }) aggregation!: string;
  @ApiProperty() spreadThreshold!: number;
  @ApiProperty() revision!: number;
  @ApiProperty() workflowId!: string;

  static of(round: RoundEntity): RoundView {
    return {
      id: round.id,
      name: round.name,
      level: round.level,
      unitCode: round.unitCode,
      provinceCode: round.provinceCode,
      councilId: round.councilId,
      versionCode: round.versionCode,
      dossierDeadline: round.dossierDeadline,
      meetingDate: round.meetingDate,
      scoringDeadline: round.scoringDeadline,
      phase: round.phase,
      aggregation: round.aggregation,
      spreadThreshold: round.spreadThreshold,
      revision: round.revision,
      workflowId: `round-${round.id}`,
    };
  }
}

export class RoundEntryView {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ enum: ROUND_ENTRY_KINDS }) kind!: RoundEntryKind;
  @ApiProperty() productName!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty() group!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty({ format: 'uuid' }) criteriaSetId!: string;
  @ApiProperty({ nullable: true, type: String }) previousCertificateId!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "Mean (or median) of the members' totals" })
  score!: number | null;
  @ApiProperty({ nullable: true, type: Number }) stars!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Highest stars the missed mandatory criteria allow' })
  starCap!: number | null;
  @ApiProperty({ type: [String] }) missedRequirements!: string[];
  @ApiProperty({ description: 'Members more than the threshold apart: re-score pending' }) flagged!: boolean;
  @ApiProperty({ nullable: true, type: String }) spreadAcceptedNote!: string | null;
  @ApiProperty({ nullable: true, type: Object, example: { kind: 'recognised', level: 'district', stars: 3 } })
  outcome!: Outcome | null;
  @ApiProperty({ nullable: true, type: String }) feedback!: string | null;

  static of(entry: RoundEntryEntity): RoundEntryView {
    return {
      productId: entry.productId,
      kind: entry.kind,
      productName: entry.productName,
      producerName: entry.producerName,
      group: entry.group,
      communeCode: entry.communeCode,
      criteriaSetId: entry.criteriaSetId,
      previousCertificateId: entry.previousCertificateId,
      score: entry.score,
      stars: entry.stars,
      starCap: entry.starCap,
      missedRequirements: entry.missedRequirements,
      flagged: entry.flagged,
      spreadAcceptedNote: entry.spreadAcceptedNote,
      outcome: entry.outcome,
      feedback: entry.feedback,
    };
  }
}

export class QuorumView {
  @ApiProperty() met!: boolean;
  @ApiProperty() present!: number;
  @ApiProperty() scoringMembers!: number;
  @ApiProperty() required!: number;
  @ApiProperty() chairPresent!: boolean;
  @ApiProperty({ required: false }) recorded?: boolean;
}

export class MemberProgressView {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() role!: string;
  @ApiProperty() present!: boolean;
  @ApiProperty({ description: 'Products the member is expected to score' }) assigned!: number;
  @ApiProperty() submitted!: number;
  @ApiProperty() drafts!: number;
  @ApiProperty({ type: [String], description: 'Products still waiting for this member' }) pendingProductIds!: string[];
}

export class ProductProgressView {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty() expected!: number;
  @ApiProperty() submitted!: number;
  @ApiProperty({ type: [String], description: 'Members to re-score (spread over the threshold)' })
  toRescore!: string[];
  @ApiProperty({ nullable: true, type: Number }) score!: number | null;
  @ApiProperty({ nullable: true, type: Number }) stars!: number | null;
}

export class RoundProgressView {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ enum: ROUND_PHASES }) phase!: RoundPhase;
  @ApiProperty({ type: QuorumView }) quorum!: QuorumView;
  @ApiProperty({ type: [MemberProgressView] }) members!: MemberProgressView[];
  @ApiProperty({ type: [ProductProgressView] }) products!: ProductProgressView[];
  @ApiProperty() pendingScorecards!: number;
}
