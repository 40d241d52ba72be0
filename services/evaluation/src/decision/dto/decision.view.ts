import { ApiProperty } from '@nestjs/swagger';
import { CertificateView } from '../../certificate/dto/certificate.view';
import type { DecisionEntity } from '../decision.entity';

export class DecisionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['recognition', 'revocation'] }) kind!: string;
  @ApiProperty() number!: string;
  @ApiProperty() decisionDate!: string;
  @ApiProperty() signerName!: string;
  @ApiProperty() signerTitle!: string;
  @ApiProperty() issuerName!: string;
  @ApiProperty() issuingUnitCode!: string;
  @ApiProperty({ nullable: true, type: String }) roundId!: string | null;
  @ApiProperty({ nullable: true, type: String }) minutesRef!: string | null;

  static of(decision: DecisionEntity): DecisionView {
    return {
      id: decision.id,
      kind: decision.kind,
      number: decision.number,
      decisionDate: decision.decisionDate,
      signerName: decision.signerName,
      signerTitle: decision.signerTitle,
      issuerName: decision.issuerName,
      issuingUnitCode: decision.issuingUnitCode,
      roundId: decision.roundId,
      minutesRef: decision.minutesRef,
    };
  }
}

export class RoundDecisionView {
  @ApiProperty({ type: DecisionView }) decision!: DecisionView;
  @ApiProperty({ type: [CertificateView] }) certificates!: CertificateView[];
  @ApiProperty({ type: [String] }) forwarded!: string[];
  @ApiProperty({ type: [String] }) notPassed!: string[];
}
