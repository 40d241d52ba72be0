import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { RegistrationEvents, type ProductStage } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AccessLog, AppException, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges, type FieldChanges } from '@ocop/persistence';
import { RegistrationConfig } from '../config/registration.config';
import { DocumentStorage } from '../document-storage/document-storage';
import { safeFileName, type UploadedFile } from '../document-storage/uploaded-file';
import { ProductStageService, stageConflict } from '../product-cycle/product-stage.service';
import type { ProductEntity } from '../product/product.entity';
import { unitOf } from '../registration.audit';
import { RegistrationErrors } from '../registration.errors';
import {
  checklistFor,
  contentMatches,
  readDossierRules,
  type ChecklistItem,
  type DossierRules,
} from './dossier-checklist';
import { DossierDocumentEntity, DossierEntity } from './dossier.entity';
import type { PreAssessmentDto } from './dto/pre-assessment.dto';
import { PreAssessmentEntity } from './pre-assessment.entity';

/** What a document's change record keeps (the storage key is the storage's business). */
const DOCUMENT_FIELDS: Extract<keyof DossierDocumentEntity, string>[] = [
  'productId',
  'item',
  'fileName',
  'contentType',
  'sizeBytes',
  'sha256',
];

/** Stages in which the dossier may still be amended; once the product is in a round it is locked. */
const AMENDABLE: readonly ProductStage[] = ['dossier', 'pre_assessed'];

export interface ChecklistEntry extends ChecklistItem {
  provided: boolean;
  document: DossierDocumentEntity | null;
}

export interface DossierState {
  dossier: DossierEntity;
  product: ProductEntity;
  checklist: ChecklistEntry[];
  complete: boolean;
  amendable: boolean;
}

@Injectable()
export class DossierService {
  private readonly rules: DossierRules = readDossierRules();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stages: ProductStageService,
    private readonly storage: DocumentStorage,
    private readonly outbox: OutboxWriter,
    private readonly accessLog: AccessLog,
    @Inject(RegistrationConfig) private readonly config: RegistrationConfig,
  ) {}

  /** Opens the dossier of a product whose business plan is in (→ dossier). */
  async open(user: AuthUser, productId: string): Promise<DossierState> {
    await this.dataSource.transaction(async (manager) => {
      const product = await this.stages.lockForAction(manager, user, productId);
      if (product.status !== 'business_plan') throw stageConflict(product.status, 'dossier');
      await manager.insert(DossierEntity, { productId, openedBy: user.id });
      await this.record(manager, user, product, 'dossier', productId, 'opened', { openedBy: [null, user.id] });
      await this.stages.move(manager, product, 'dossier', 'dossier opened', user.id);
    });
    return this.state(user, productId);
  }

  async state(
    user: AuthUser,
    productId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DossierState> {
    const product = await this.stages.visible(user, productId);
    const dossier = await manager.findOne(DossierEntity, { where: { productId } });
    if (!dossier) throw new AppException(RegistrationErrors.DOSSIER_NOT_OPEN, { productId });
    const documents = await manager.find(DossierDocumentEntity, { where: { productId, supersededAt: IsNull() } });
    const checklist = checklistFor(this.rules, product.group).map((item) => {
      const document = documents.find((candidate) => candidate.item === item.code) ?? null;
      const provided = item.kind === 'check' ? dossier.samplesReceivedAt !== null : document !== null;
      return { ...item, provided, document };
    });
    return {
      dossier,
      product,
      checklist,
      complete: checklist.every((entry) => entry.provided),
      amendable: AMENDABLE.includes(product.status),
    };
  }

  /**
   * Adds a file for a checklist item, or replaces the current one (an amendment). Size, declared type and
   * the file's real type are checked before anything is stored; a stored file whose transaction fails is
   * removed again. An amendment after the pre-assessment sends the dossier back for a new one.
   */
  async upload(
    user: AuthUser,
    productId: string,
    item: string,
    file: UploadedFile | undefined,
  ): Promise<DossierDocumentEntity> {
    if (!file) throw new AppException(RegistrationErrors.FILE_REQUIRED);
    const product = await this.stages.visible(user, productId);
    const entry = checklistFor(this.rules, product.group).find(
      (candidate) => candidate.code === item && candidate.kind === 'document',
    );
    if (!entry) throw new AppException(RegistrationErrors.DOSSIER_ITEM_UNKNOWN, { item, group: product.group });
    if (file.size > this.config.DOCUMENT_MAX_BYTES) {
      throw new AppException(RegistrationErrors.DOCUMENT_TOO_LARGE, { maxBytes: this.config.DOCUMENT_MAX_BYTES });
    }
    if (!this.rules.contentTypes.includes(file.mimetype) || !contentMatches(file.mimetype, file.buffer)) {
      throw new AppException(RegistrationErrors.DOCUMENT_TYPE_NOT_ALLOWED, {
        allowed: this.rules.contentTypes.join(', '),
      });
    }
    const id = randomUUID();
    const stored = await this.storage.put(`${productId}/${id}`, file.buffer);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const locked = await this.stages.lockForAction(manager, user, productId);
        await this.assertAmendable(manager, locked);
        const replaced = await manager.findOne(DossierDocumentEntity, {
          where: { productId, item, supersededAt: IsNull() },
          select: { id: true },
        });
        const previous = await manager.update(
          DossierDocumentEntity,
          { productId, item, supersededAt: IsNull() },
          { supersededAt: () => 'now()' },
        );
        const document = manager.create(DossierDocumentEntity, {
          id,
          productId,
          item,
          fileName: safeFileName(file.originalname),
          contentType: file.mimetype,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          storageKey: stored.key,
          uploadedBy: user.id,
          supersededAt: null,
        });
        await manager.insert(DossierDocumentEntity, document);
        const amendment = (previous.affected ?? 0) > 0;
        await this.record(manager, user, locked, 'dossier_document', id, amendment ? 'replaced' : 'uploaded', {
          ...diffFields(null, document, DOCUMENT_FIELDS),
          supersedes: [null, replaced?.id ?? null],
        });
        await this.outbox.append(manager, RegistrationEvents.dossierDocumentAdded, {
          productId,
          documentId: id,
          item,
          sha256: stored.sha256,
          sizeBytes: stored.sizeBytes,
          amendment,
          uploadedAt: document.uploadedAt.toISOString(),
        });
        if (locked.status === 'pre_assessed')
          await this.stages.move(manager, locked, 'dossier', `dossier amended (${item})`, user.id);
        return document;
      });
    } catch (error) {
      await this.storage.remove(stored.key).catch(() => undefined);
      throw error;
    }
  }

  async download(
    user: AuthUser,
    productId: string,
    documentId: string,
  ): Promise<{ document: DossierDocumentEntity; content: Readable }> {
    const product = await this.stages.visible(user, productId);
    const document = await this.dataSource
      .getRepository(DossierDocumentEntity)
      .findOne({ where: { id: documentId, productId } });
    if (!document) throw new AppException(RegistrationErrors.DOCUMENT_NOT_FOUND, { documentId });
    const content = await this.storage.open(document.storageKey);
    await this.accessLog.downloaded(
      user,
      {
        entityType: 'dossier_document',
        entityId: documentId,
        ...unitOf(product),
        params: { productId, item: document.item, fileName: document.fileName, sha256: document.sha256 },
      },
      content,
    );
    return { document, content };
  }

  /** An officer confirms the product samples arrived (goods only). */
  async receiveSamples(user: AuthUser, productId: string): Promise<DossierState> {
    await this.dataSource.transaction(async (manager) => {
      const product = await this.stages.lockForAction(manager, user, productId);
      await this.assertAmendable(manager, product);
      if (!checklistFor(this.rules, product.group).some((item) => item.code === 'samples_received')) {
        throw new AppException(RegistrationErrors.DOSSIER_ITEM_UNKNOWN, {
          item: 'samples_received',
          group: product.group,
        });
      }
      const before = await manager.findOneByOrFail(DossierEntity, { productId });
      await manager.update(
        DossierEntity,
        { productId },
        { samplesReceivedAt: () => 'now()', samplesReceivedBy: user.id },
      );
      const after = await manager.findOneByOrFail(DossierEntity, { productId });
      await this.record(
        manager,
        user,
        product,
        'dossier',
        productId,
        'samples_received',
        diffFields(before, after, ['samplesReceivedAt', 'samplesReceivedBy']),
      );
    });
    return this.state(user, productId);
  }

  /**
   * The commune's pre-assessment of a complete dossier. All four criteria met → pre_assessed, and the
   * dossier may go up to a round; otherwise it stays a dossier, with the findings for the producer.
   */
  async preAssess(user: AuthUser, productId: string, dto: PreAssessmentDto): Promise<PreAssessmentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const product = await this.stages.lockForAction(manager, user, productId);
      if (product.status !== 'dossier') throw stageConflict(product.status, 'pre_assessed');
      const state = await this.state(user, productId, manager);
      const missing = state.checklist.filter((entry) => !entry.provided).map((entry) => entry.code);
      if (missing.length > 0)
        throw new AppException(RegistrationErrors.DOSSIER_INCOMPLETE, { missing: missing.join(', ') }, { missing });
      const criteria = {
        localOrigin: { ...dto.criteria.localOrigin },
        localLabour: { ...dto.criteria.localLabour },
        ideaOrigin: { ...dto.criteria.ideaOrigin },
        localIdentity: { ...dto.criteria.localIdentity },
      };
      const unmet = Object.entries(criteria)
        .filter(([, finding]) => !finding.met)
        .map(([name]) => name);
      const assessment = manager.create(PreAssessmentEntity, {
        productId,
        criteria,
        passed: unmet.length === 0,
        officerName: dto.officerName.trim(),
        assessedBy: user.id,
        communeCode: product.communeCode,
        assessedOn: dto.assessedOn,
      });
      await manager.insert(PreAssessmentEntity, assessment);
      await this.record(
        manager,
        user,
        product,
        'pre_assessment',
        assessment.id,
        assessment.passed ? 'passed' : 'not_passed',
        diffFields(null, assessment, ['productId', 'criteria', 'passed', 'officerName', 'assessedOn']),
      );
      await this.outbox.append(manager, RegistrationEvents.productPreAssessed, {
        productId,
        passed: assessment.passed,
        unmetCriteria: unmet,
        communeCode: product.communeCode,
        assessedOn: dto.assessedOn,
      });
      if (assessment.passed)
        await this.stages.move(manager, product, 'pre_assessed', 'commune pre-assessment passed', user.id);
      return assessment;
    });
  }

  async preAssessments(user: AuthUser, productId: string): Promise<PreAssessmentEntity[]> {
    await this.stages.visible(user, productId);
    return this.dataSource
      .getRepository(PreAssessmentEntity)
      .find({ where: { productId }, order: { recordedAt: 'ASC' } });
  }

  /** A change to the dossier, one of its documents or a pre-assessment, in the product's unit. */
  private async record(
    manager: EntityManager,
    user: AuthUser,
    product: ProductEntity,
    entityType: string,
    entityId: string,
    action: string,
    changes: FieldChanges,
  ): Promise<void> {
    await recordChanges(manager, [{ entityType, entityId, action, changes, changedBy: user.id, ...unitOf(product) }]);
  }

  private async assertAmendable(manager: EntityManager, product: ProductEntity): Promise<void> {
    if (!(await manager.exists(DossierEntity, { where: { productId: product.id } }))) {
      throw new AppException(RegistrationErrors.DOSSIER_NOT_OPEN, { productId: product.id });
    }
    if (!AMENDABLE.includes(product.status))
      throw new AppException(RegistrationErrors.DOSSIER_LOCKED, { stage: product.status });
  }
}
