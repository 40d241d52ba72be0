import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { ChangeRecordEntity, FieldChanges } from '@ocop/persistence';
import { PageQuery } from '../http/page';

/** Printable text only: a NUL or another control character cannot be in a stored value (and PostgreSQL refuses NUL). */
const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

/** A day, or an instant with its offset: the ISO 8601 forms a JavaScript Date reads (not week dates, not basic format). */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class AuditLogQuery extends PickType(PageQuery, ['limit', 'offset'] as const) {
  @ApiPropertyOptional({ example: 'producer', description: 'The kind of record (`producer`, `round`, `report`, …)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(PRINTABLE)
  entityType?: string;

  @ApiPropertyOptional({ description: "The record's id (with `entityType`: one record's whole history)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(PRINTABLE)
  entityId?: string;

  @ApiPropertyOptional({ example: 'officer-24', description: "The user's `sub`, or `system:<service>`" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(PRINTABLE)
  changedBy?: string;

  @ApiPropertyOptional({ example: 'updated', description: 'What happened (`created`, `updated`, `exported`, …)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(PRINTABLE)
  action?: string;

  @ApiPropertyOptional({
    example: '24',
    description: 'A unit in your jurisdiction (default: yours): its records and those of the units under it',
  })
  @IsOptional()
  @Matches(/^(VN|\d{2,5})$/)
  unit?: string;

  @ApiPropertyOptional({
    example: '2026-03-01',
    description: 'From this instant on (ISO 8601; a date alone is 00:00 in Vietnam)',
  })
  @IsOptional()
  @Matches(INSTANT)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-04-01T00:00:00+07:00',
    description: 'Before this instant (ISO 8601; a date alone is 00:00 in Vietnam)',
  })
  @IsOptional()
  @Matches(INSTANT)
  @IsISO8601({ strict: true })
  to?: string;
}

export class ChangeRecordView {
  @ApiProperty({ example: '1042' }) id!: string;
  @ApiProperty({ example: 'producer' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ example: 'updated' }) action!: string;
  @ApiProperty({
    description: '`{ field: [old, new] }` (old is null on creation); for an export or a download, its parameters',
    type: 'object',
    additionalProperties: true,
  })
  changes!: FieldChanges;
  @ApiProperty({ description: "The user's `sub`, or `system:<service>` for events and timers" }) changedBy!: string;
  @ApiProperty({ nullable: true, type: String }) unitCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) provinceCode!: string | null;
  @ApiProperty() changedAt!: string;

  static of(record: ChangeRecordEntity): ChangeRecordView {
    return {
      id: record.id,
      entityType: record.entityType,
      entityId: record.entityId,
      action: record.action,
      changes: record.changes,
      changedBy: record.changedBy,
      unitCode: record.unitCode,
      provinceCode: record.provinceCode,
      changedAt: record.changedAt.toISOString(),
    };
  }
}

export class ChangeRecordPage {
  @ApiProperty({ type: [ChangeRecordView] }) items!: ChangeRecordView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
