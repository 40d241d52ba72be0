import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { ProductPhotoEntity } from '../product-photo.entity';

export class UploadPhotoDto {
  @ApiPropertyOptional({ example: 'Chai mật ong 500 ml, nhãn mới 2026', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  caption?: string;
}

export class UpdatePhotoDto {
  @ApiProperty({ example: 'Mặt sau: thông tin truy xuất nguồn gốc', maxLength: 500, description: 'Empty clears it' })
  @IsString()
  @MaxLength(500)
  caption!: string;
}

export class PhotoOrderDto {
  @ApiProperty({ type: [String], format: 'uuid', description: "Every current photo's id, first shown first" })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  photoIds!: string[];
}

export class ListPhotosQuery {
  @ApiPropertyOptional({ default: false, description: 'Also the deleted photos (with who deleted them, when)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeDeleted?: boolean;
}

export class PhotoView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ example: 1, description: '1 is shown first' }) position!: number;
  @ApiProperty({ nullable: true, type: String }) caption!: string | null;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['image/jpeg', 'image/png', 'image/webp'] }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty() uploadedAt!: string;
  @ApiProperty({ nullable: true, type: String }) deletedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) deletedBy!: string | null;

  static of(photo: ProductPhotoEntity): PhotoView {
    return {
      id: photo.id,
      productId: photo.productId,
      position: photo.position,
      caption: photo.caption,
      fileName: photo.fileName,
      contentType: photo.contentType,
      sizeBytes: photo.sizeBytes,
      sha256: photo.sha256,
      uploadedBy: photo.uploadedBy,
      uploadedAt: photo.uploadedAt.toISOString(),
      deletedAt: photo.deletedAt?.toISOString() ?? null,
      deletedBy: photo.deletedBy,
    };
  }
}
