import { ApiProperty } from '@nestjs/swagger';
import type { ScorecardEntity, ScorecardStatus } from '../scorecard.entity';

export class ScorecardView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ enum: ['draft', 'submitted'] }) status!: ScorecardStatus;
  @ApiProperty({ description: '1 for the first scoring, 2+ after re-scoring was asked' }) attempt!: number;
  @ApiProperty({ example: { 'A1.1': 'b' } }) choices!: Record<string, string>;
  @ApiProperty({ nullable: true, type: Number }) total!: number | null;
  @ApiProperty({ example: { A: 31, B: 18, C: 24 } }) partTotals!: Record<string, number>;
  @ApiProperty({ example: [{ criterion: 'C2.1', requiredForStars: 3 }] })
  missedRequirements!: { criterion: string; requiredForStars: number }[];
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;

  static of(card: ScorecardEntity): ScorecardView {
    return {
      id: card.id,
      roundId: card.roundId,
      productId: card.productId,
      memberId: card.memberId,
      status: card.status,
      attempt: card.attempt,
      choices: card.choices,
      total: card.total,
      partTotals: card.partTotals,
      missedRequirements: card.missedRequirements,
      submittedAt: card.submittedAt?.toISOString() ?? null,
    };
  }
}

export class MyScorecardsView {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ type: [ScorecardView] }) scorecards!: ScorecardView[];
  @ApiProperty({ type: [String], description: 'Products still waiting for your submission' })
  pendingProductIds!: string[];
}

export class RescoreView {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ type: [String] }) memberIds!: string[];
}
