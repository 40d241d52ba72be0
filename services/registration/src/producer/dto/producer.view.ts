import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEGAL_FORMS, type LegalForm } from '@ocop/contracts';
import type { ChangeRecordEntity, FieldChanges } from '@ocop/persistence';
import type { ProducerEntity } from '../producer.entity';
import { WorkforceDto } from './create-producer.dto';

export class ProducerWarning {
  @ApiProperty({ example: 'SIMILAR_PRODUCER_NAME' }) code!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() producerName!: string;
}

export class ProducerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() taxCode!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LEGAL_FORMS }) legalForm!: LegalForm;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty({ nullable: true, type: String }) village!: string | null;
  @ApiProperty({ nullable: true, type: String }) street!: string | null;
  @ApiProperty({ nullable: true, type: String }) representative!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) website!: string | null;
  @ApiProperty({ type: WorkforceDto }) workforce!: WorkforceDto;
  @ApiProperty() womenLed!: boolean;
  @ApiProperty() ethnicMinorityLed!: boolean;
  @ApiProperty() youthStartup!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({
    type: [ProducerWarning],
    description: 'Only on registration: producers with a similar name in the same commune',
  })
  warnings?: ProducerWarning[];

  static of(entity: ProducerEntity, warnings?: ProducerWarning[]): ProducerView {
    return {
      id: entity.id,
      taxCode: entity.taxCode,
      name: entity.name,
      legalForm: entity.legalForm,
      provinceCode: entity.provinceCode,
      communeCode: entity.communeCode,
      village: entity.village,
      street: entity.street,
      representative: entity.representative,
      phone: entity.phone,
      email: entity.email,
      website: entity.website,
      workforce: { ...entity.workforce },
      womenLed: entity.womenLed,
      ethnicMinorityLed: entity.ethnicMinorityLed,
      youthStartup: entity.youthStartup,
      version: entity.version,
      createdAt: entity.createdAt.toISOString(),
      updatedAt: entity.updatedAt.toISOString(),
      ...(warnings ? { warnings } : {}),
    };
  }
}

export class ProducerPage {
  @ApiProperty({ type: [ProducerView] }) items!: ProducerView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class ProducerChangeView {
  @ApiProperty() version!: number;
  @ApiProperty({ description: '{ field: [old, new] }', type: 'object', additionalProperties: true })
  changes!: FieldChanges;
  @ApiProperty() changedBy!: string;
  @ApiProperty() changedAt!: string;

  /** A `registered` or `updated` row of the audit log: the version is kept there as a change of `version`. */
  static of(change: ChangeRecordEntity): ProducerChangeView {
    const { version, ...changes } = change.changes;
    return {
      version: Number(version?.[1]),
      changes,
      changedBy: change.changedBy,
      changedAt: change.changedAt.toISOString(),
    };
  }
}
