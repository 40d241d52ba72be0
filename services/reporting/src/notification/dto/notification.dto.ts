import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '@ocop/nest-common';
import type { JsonValue } from '@ocop/persistence';
import type { NotificationEntity } from '../notification.entity';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the unread ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  )
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ example: 'report_reminder' })
  @IsOptional()
  @Matches(/^[a-z_]{2,64}$/)
  kind?: string;
}

export class ContactsDto {
  @ApiProperty({ example: ['ocop@tandinh.bacninh.gov.vn'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  emails!: string[];
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ nullable: true, type: String }) unitCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String }) producerId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty() data!: { [key: string]: JsonValue };
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) readAt!: string | null;
  @ApiProperty({ enum: ['none', 'pending', 'sent', 'failed'] }) webhook!: string;
  @ApiProperty({ enum: ['none', 'pending', 'sent', 'failed'] }) email!: string;

  static of(row: NotificationEntity): NotificationView {
    return {
      id: row.id,
      kind: row.kind,
      unitCode: row.unitCode,
      userId: row.userId,
      producerId: row.producerId,
      title: row.title,
      body: row.body,
      data: row.data,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
      webhook: row.webhookState,
      email: row.emailState,
    };
  }
}
