import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { RegistrationEvents } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AccessLog, AppException, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges, type FieldChanges } from '@ocop/persistence';
import { RegistrationConfig } from '../config/registration.config';
import { DocumentStorage } from '../document-storage/document-storage';
import { safeFileName, type UploadedFile } from '../document-storage/uploaded-file';
import { contentMatches } from '../dossier/dossier-checklist';
import { ProductStageService } from '../product-cycle/product-stage.service';
import { assertProductEditable } from '../product/product-editing';
import type { ProductEntity } from '../product/product.entity';
import { unitOf } from '../registration.audit';
import { RegistrationErrors } from '../registration.errors';
import { ProductPhotoEntity } from './product-photo.entity';

export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** What a photo's change record keeps. */
const PHOTO_FIELDS: Extract<keyof ProductPhotoEntity, string>[] = [
  'productId',
  'position',
  'caption',
  'fileName',
  'contentType',
  'sizeBytes',
  'sha256',
];

/**
 * A product's photos: JPEG, PNG or WebP up to PHOTO_MAX_BYTES, at most PRODUCT_PHOTOS_MAX at once, in an order
 * and with a caption. They change while the product's submission may (until it is in a round: PRODUCT_LOCKED).
 * Every refusal comes before anything is stored; a stored file whose transaction fails is removed again.
 */
@Injectable()
export class ProductPhotoService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stages: ProductStageService,
    private readonly storage: DocumentStorage,
    private readonly outbox: OutboxWriter,
    private readonly accessLog: AccessLog,
    @Inject(RegistrationConfig) private readonly config: RegistrationConfig,
  ) {}

  async list(user: AuthUser, productId: string, includeDeleted = false): Promise<ProductPhotoEntity[]> {
    await this.stages.visible(user, productId);
    return this.dataSource.getRepository(ProductPhotoEntity).find({
      where: includeDeleted ? { productId } : { productId, deletedAt: IsNull() },
      order: { deletedAt: { direction: 'DESC', nulls: 'FIRST' }, position: 'ASC', uploadedAt: 'ASC' },
    });
  }

  async upload(
    user: AuthUser,
    productId: string,
    caption: string | undefined,
    file: UploadedFile | undefined,
  ): Promise<ProductPhotoEntity> {
    if (!file) throw new AppException(RegistrationErrors.FILE_REQUIRED);
    const product = await this.stages.visible(user, productId);
    assertProductEditable(product);
    if (file.size > this.config.PHOTO_MAX_BYTES || file.buffer.length > this.config.PHOTO_MAX_BYTES) {
      throw new AppException(RegistrationErrors.PHOTO_TOO_LARGE, { maxBytes: this.config.PHOTO_MAX_BYTES });
    }
    if (
      !(PHOTO_CONTENT_TYPES as readonly string[]).includes(file.mimetype) ||
      !contentMatches(file.mimetype, file.buffer)
    ) {
      throw new AppException(RegistrationErrors.PHOTO_TYPE_NOT_ALLOWED, { allowed: 'JPEG, PNG, WebP' });
    }
    await this.assertRoom(this.dataSource.manager, productId);

    const id = randomUUID();
    const stored = await this.storage.put(`photos/${productId}/${id}`, file.buffer);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const locked = await this.stages.lockForAction(manager, user, productId);
        assertProductEditable(locked);
        await this.assertRoom(manager, productId);
        const last = await manager.maximum(ProductPhotoEntity, 'position', { productId, deletedAt: IsNull() });
        const photo = manager.create(ProductPhotoEntity, {
          id,
          productId,
          position: (last ?? 0) + 1,
          caption: normaliseCaption(caption),
          fileName: safeFileName(file.originalname, 'photo'),
          contentType: file.mimetype,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          storageKey: stored.key,
          uploadedBy: user.id,
          deletedAt: null,
          deletedBy: null,
        });
        await manager.insert(ProductPhotoEntity, photo);
        await this.record(manager, user, locked, photo.id, 'uploaded', diffFields(null, photo, PHOTO_FIELDS));
        await this.outbox.append(manager, RegistrationEvents.productPhotoAdded, {
          productId,
          photoId: id,
          contentType: photo.contentType,
          sizeBytes: photo.sizeBytes,
          sha256: photo.sha256,
          caption: photo.caption,
          position: photo.position,
          uploadedAt: photo.uploadedAt.toISOString(),
        });
        return photo;
      });
    } catch (error) {
      await this.storage.remove(stored.key).catch(() => undefined);
      throw error;
    }
  }

  /** Changes a photo's caption (an empty one clears it). */
  async update(user: AuthUser, productId: string, photoId: string, caption: string): Promise<ProductPhotoEntity> {
    return this.dataSource.transaction(async (manager) => {
      const product = await this.lockEditable(manager, user, productId);
      const photo = await this.current(manager, productId, photoId);
      const before = { ...photo };
      photo.caption = normaliseCaption(caption);
      const changes = diffFields(before, photo, ['caption']);
      if (Object.keys(changes).length === 0) return photo;
      await manager.update(ProductPhotoEntity, { id: photo.id }, { caption: photo.caption });
      await this.record(manager, user, product, photo.id, 'updated', changes);
      return photo;
    });
  }

  /** Puts the product's current photos in the given order (each listed once). */
  async reorder(user: AuthUser, productId: string, photoIds: string[]): Promise<ProductPhotoEntity[]> {
    return this.dataSource.transaction(async (manager) => {
      const product = await this.lockEditable(manager, user, productId);
      const photos = await manager.find(ProductPhotoEntity, {
        where: { productId, deletedAt: IsNull() },
        order: { position: 'ASC', uploadedAt: 'ASC' },
      });
      const known = new Set(photos.map((photo) => photo.id));
      if (
        photoIds.length !== photos.length ||
        new Set(photoIds).size !== photoIds.length ||
        photoIds.some((id) => !known.has(id))
      ) {
        throw new AppException(RegistrationErrors.PHOTO_ORDER_MISMATCH, {}, { current: [...known] });
      }
      await this.renumber(manager, photoIds);
      const before = photos.map((photo) => photo.id);
      if (before.join() !== photoIds.join()) {
        await recordChanges(manager, [
          {
            entityType: 'product',
            entityId: productId,
            action: 'photos_reordered',
            changes: { photoOrder: [before, photoIds] },
            changedBy: user.id,
            ...unitOf(product),
          },
        ]);
      }
      const byId = new Map(photos.map((photo) => [photo.id, photo]));
      return photoIds.map((id, index) => Object.assign(byId.get(id)!, { position: index + 1 }));
    });
  }

  /** Marks the photo deleted (who, when); its file and row stay. The others close the gap. */
  async remove(user: AuthUser, productId: string, photoId: string): Promise<ProductPhotoEntity> {
    return this.dataSource.transaction(async (manager) => {
      const product = await this.lockEditable(manager, user, productId);
      const photo = await this.current(manager, productId, photoId);
      const before = { ...photo };
      photo.deletedAt = new Date();
      photo.deletedBy = user.id;
      await manager.update(ProductPhotoEntity, { id: photo.id }, { deletedAt: photo.deletedAt, deletedBy: user.id });
      await this.record(
        manager,
        user,
        product,
        photo.id,
        'deleted',
        diffFields(before, photo, ['deletedAt', 'deletedBy']),
      );
      const rest = await manager.find(ProductPhotoEntity, {
        where: { productId, deletedAt: IsNull() },
        order: { position: 'ASC', uploadedAt: 'ASC' },
      });
      await this.renumber(
        manager,
        rest.map((other) => other.id),
      );
      await this.outbox.append(manager, RegistrationEvents.productPhotoRemoved, {
        productId,
        photoId,
        removedBy: user.id,
        removedAt: photo.deletedAt.toISOString(),
      });
      return photo;
    });
  }

  async download(
    user: AuthUser,
    productId: string,
    photoId: string,
  ): Promise<{ photo: ProductPhotoEntity; content: Readable }> {
    const product = await this.stages.visible(user, productId);
    const photo = await this.current(this.dataSource.manager, productId, photoId);
    const content = await this.storage.open(photo.storageKey);
    await this.accessLog.downloaded(
      user,
      {
        entityType: 'product_photo',
        entityId: photoId,
        ...unitOf(product),
        params: { productId, fileName: photo.fileName, sha256: photo.sha256 },
      },
      content,
    );
    return { photo, content };
  }

  private async record(
    manager: EntityManager,
    user: AuthUser,
    product: ProductEntity,
    photoId: string,
    action: string,
    changes: FieldChanges,
  ): Promise<void> {
    await recordChanges(manager, [
      { entityType: 'product_photo', entityId: photoId, action, changes, changedBy: user.id, ...unitOf(product) },
    ]);
  }

  private async lockEditable(manager: EntityManager, user: AuthUser, productId: string): Promise<ProductEntity> {
    const product = await this.stages.lockForAction(manager, user, productId);
    assertProductEditable(product);
    return product;
  }

  private async current(manager: EntityManager, productId: string, photoId: string): Promise<ProductPhotoEntity> {
    const photo = await manager.findOne(ProductPhotoEntity, { where: { id: photoId, productId, deletedAt: IsNull() } });
    if (!photo) throw new AppException(RegistrationErrors.PHOTO_NOT_FOUND, { photoId });
    return photo;
  }

  private async assertRoom(manager: EntityManager, productId: string): Promise<void> {
    const count = await manager.count(ProductPhotoEntity, { where: { productId, deletedAt: IsNull() } });
    if (count >= this.config.PRODUCT_PHOTOS_MAX)
      throw new AppException(RegistrationErrors.PHOTO_LIMIT_REACHED, { max: this.config.PRODUCT_PHOTOS_MAX });
  }

  private async renumber(manager: EntityManager, orderedIds: string[]): Promise<void> {
    for (const [index, id] of orderedIds.entries()) {
      await manager.update(ProductPhotoEntity, { id }, { position: index + 1 });
    }
  }
}

function normaliseCaption(caption: string | undefined): string | null {
  const trimmed = caption?.trim();
  return trimmed ? trimmed : null;
}
