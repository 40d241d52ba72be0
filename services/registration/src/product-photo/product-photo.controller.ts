import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { contentDisposition, sha256Digest } from '../document-storage/uploaded-file';
import { ListPhotosQuery, PhotoOrderDto, PhotoView, UpdatePhotoDto, UploadPhotoDto } from './dto/product-photo.dto';
import { ProductPhotoService } from './product-photo.service';

const OFFICERS = ['commune_officer', 'district_officer', 'province_officer', 'ministry_officer'] as const;
const READERS = [
  ...OFFICERS,
  'producer',
  'auditor',
  'council_member',
  'council_secretary',
  'promotion_officer',
] as const;
const uuid = () => new ParseUUIDPipe();

@ApiTags('product photos')
@Controller('products/:productId/photos')
export class ProductPhotoController {
  constructor(private readonly photos: ProductPhotoService) {}

  @Post()
  @Roles(...OFFICERS, 'producer')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' }, caption: { type: 'string', maxLength: 500 } },
    },
  })
  @ApiOperation({
    summary: 'Add a photo (last in the order) while the product is not yet in a round',
    description:
      'JPEG, PNG or WebP up to PHOTO_MAX_BYTES, at most PRODUCT_PHOTOS_MAX per product; the content must match ' +
      'the declared type. Stored with its SHA-256. Codes: FILE_REQUIRED, PHOTO_TOO_LARGE, PHOTO_TYPE_NOT_ALLOWED, ' +
      'PHOTO_LIMIT_REACHED, PRODUCT_LOCKED.',
  })
  @ApiCreatedResponse({ type: PhotoView })
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
    @Body() dto: UploadPhotoDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<PhotoView> {
    return PhotoView.of(await this.photos.upload(user, productId, dto.caption, file));
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: "The product's photos in their order" })
  @ApiOkResponse({ type: [PhotoView] })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
    @Query() query: ListPhotosQuery,
  ): Promise<PhotoView[]> {
    return (await this.photos.list(user, productId, query.includeDeleted ?? false)).map((photo) => PhotoView.of(photo));
  }

  @Put('order')
  @Roles(...OFFICERS, 'producer')
  @ApiOperation({ summary: 'Reorder the photos: every current photo once, first shown first (PHOTO_ORDER_MISMATCH)' })
  @ApiOkResponse({ type: [PhotoView] })
  async reorder(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
    @Body() dto: PhotoOrderDto,
  ): Promise<PhotoView[]> {
    return (await this.photos.reorder(user, productId, dto.photoIds)).map((photo) => PhotoView.of(photo));
  }

  @Patch(':photoId')
  @Roles(...OFFICERS, 'producer')
  @ApiOperation({ summary: "Change a photo's caption" })
  @ApiOkResponse({ type: PhotoView })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
    @Param('photoId', uuid()) photoId: string,
    @Body() dto: UpdatePhotoDto,
  ): Promise<PhotoView> {
    return PhotoView.of(await this.photos.update(user, productId, photoId, dto.caption));
  }

  @Delete(':photoId')
  @Roles(...OFFICERS, 'producer')
  @ApiOperation({
    summary: 'Delete a photo: marked deleted with who and when (the file is kept); the others close the gap',
  })
  @ApiOkResponse({ type: PhotoView })
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
    @Param('photoId', uuid()) photoId: string,
  ): Promise<PhotoView> {
    return PhotoView.of(await this.photos.remove(user, productId, photoId));
  }

  @Get(':photoId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The photo itself (every download is logged)' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  async download(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
    @Param('photoId', uuid()) photoId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { photo, content } = await this.photos.download(user, productId, photoId);
    response.setHeader('Content-Type', photo.contentType);
    response.setHeader('Content-Disposition', contentDisposition('inline', photo.fileName));
    response.setHeader('Digest', sha256Digest(photo.sha256));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(content, { length: photo.sizeBytes });
  }
}
