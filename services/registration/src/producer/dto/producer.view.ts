import { ApiProperty } from '@nestjs/swagger';
import { LEGAL_FORMS, type LegalForm } from '@ocop/contracts';
import type { ProducerEntity } from '../producer.entity';

export class ProducerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() taxCode!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LEGAL_FORMS }) legalForm!: LegalForm;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty({ nullable: true, type: String }) representative!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty() createdAt!: string;

  static of(entity: ProducerEntity): ProducerView {
    return {
      id: entity.id,
      taxCode: entity.taxCode,
      name: entity.name,
      legalForm: entity.legalForm,
      provinceCode: entity.provinceCode,
      communeCode: entity.communeCode,
      representative: entity.representative,
      phone: entity.phone,
      createdAt: entity.createdAt.toISOString(),
    };
  }
}
