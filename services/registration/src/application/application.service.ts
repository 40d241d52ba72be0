import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, QueryFailedError, type EntityManager } from 'typeorm';
import {
  dateInVietnam,
  foldForSearch,
  NATIONAL_UNIT_CODE,
  RegistrationEvents,
  type ProductApplicationKind,
} from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AccessLog, AppException, JurisdictionService, type AuthUser, type Page, pageOf } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { RegistrationConfig } from '../config/registration.config';
import { DocumentStorage } from '../document-storage/document-storage';
import { safeFileName, type UploadedFile } from '../document-storage/uploaded-file';
import {
  checklistFor,
  contentMatches,
  readDossierRules,
  type ChecklistItem,
  type DossierRules,
} from '../dossier/dossier-checklist';
import { ProductCertificateEntity } from '../product-cycle/product-certificate.entity';
import { ProductStageService } from '../product-cycle/product-stage.service';
import { ProductEntity } from '../product/product.entity';
import { unitOf } from '../registration.audit';
import { RegistrationErrors } from '../registration.errors';
import {
  ACTIVE_APPLICATION_STATUSES,
  APPLICATION_FIELDS,
  ApplicationDocumentEntity,
  ProductApplicationEntity,
} from './application.entity';
import { reEvaluationOpensOn, refusalFor } from './application.rules';
import type { FileApplicationDto, ListApplicationsQuery } from './dto/application.dto';

const DATA_DIR = join(__dirname, '..', '..', 'data');
export const APPLICATION_CHECKLIST_FILES: Record<ProductApplicationKind, string> = {
  re_evaluation: join(DATA_DIR, 're-evaluation-checklist.json'),
  upgrade: join(DATA_DIR, 'upgrade-checklist.json'),
};

const OFFICER_ROLES = [
  'commune_officer',
  'district_officer',
  'province_officer',
  'ministry_officer',
  'admin',
  'auditor',
];

export interface ApplicationChecklistEntry extends ChecklistItem {
  provided: boolean;
  document: ApplicationDocumentEntity | null;
}

export interface ApplicationState {
  application: ProductApplicationEntity;
  checklist: ApplicationChecklistEntry[];
  complete: boolean;
}

export interface CertificateState {
  certificate: ProductCertificateEntity;
  /** For a valid certificate: the first day re-evaluation may be applied for without a notice. */
  reEvaluationOpensOn: string | null;
}

/**
 * Applications for re-evaluation or an upgrade of a certified product (OCOP.md §4-5), checked against
 * registration's copy of the product's certificates (fed by evaluation's events), each with a dossier of
 * its own (data/re-evaluation-checklist.json, data/upgrade-checklist.json). Evaluation puts the product in a
 * round; its events move the application on (certificate-read-model.handlers.ts).
 */
@Injectable()
export class ApplicationService {
  private readonly rules: Record<ProductApplicationKind, DossierRules> = {
    re_evaluation: readApplicationRules(APPLICATION_CHECKLIST_FILES.re_evaluation),
    upgrade: readApplicationRules(APPLICATION_CHECKLIST_FILES.upgrade),
  };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stages: ProductStageService,
    private readonly jurisdiction: JurisdictionService,
    private readonly storage: DocumentStorage,
    private readonly outbox: OutboxWriter,
    private readonly accessLog: AccessLog,
    @Inject(RegistrationConfig) private readonly config: RegistrationConfig,
  ) {}

  /** Files an application; every refusal writes nothing. */
  async file(user: AuthUser, productId: string, dto: FileApplicationDto): Promise<ApplicationState> {
    const application = await this.dataSource
      .transaction(async (manager) => {
        const product = await this.stages.lockForAction(manager, user, productId);
        const open = await manager.findOne(ProductApplicationEntity, {
          where: { productId, status: In([...ACTIVE_APPLICATION_STATUSES]) },
        });
        if (open) throw alreadyOpen(open);
        const certificate = await this.currentCertificate(manager, productId);
        const targetStars = dto.kind === 'upgrade' ? (dto.targetStars ?? null) : null;
        const refusal = refusalFor(
          dto.kind,
          targetStars,
          product.status === 'revoked' || product.status === 'withdrawn' ? null : certificate,
          dateInVietnam(new Date()),
          this.config.RE_EVALUATION_WINDOW_MONTHS,
          productId,
        );
        if (refusal || !certificate) {
          throw new AppException(refusal?.code ?? RegistrationErrors.PRODUCT_NOT_CERTIFIED, refusal?.params ?? {});
        }
        const filed = manager.create(ProductApplicationEntity, {
          productId,
          producerId: product.producerId,
          kind: dto.kind,
          status: 'open',
          certificateId: certificate.certificateId,
          certificateNumber: certificate.number,
          certificateValidUntil: certificate.validUntil,
          currentStars: certificate.stars,
          targetStars,
          note: dto.note?.trim() || null,
          provinceCode: product.provinceCode,
          communeCode: product.communeCode,
          unitPath: product.unitPath,
          filedBy: user.id,
          roundId: null,
          closedAt: null,
          closedReason: null,
          closedBy: null,
          resultCertificateId: null,
        });
        await manager.insert(ProductApplicationEntity, filed);
        await recordChanges(manager, [
          {
            entityType: 'application',
            entityId: filed.id,
            action: 'filed',
            changes: diffFields(null, filed, APPLICATION_FIELDS),
            changedBy: user.id,
            ...unitOf(filed),
          },
        ]);
        await this.outbox.append(manager, RegistrationEvents.productApplicationFiled, {
          applicationId: filed.id,
          productId,
          producerId: product.producerId,
          kind: filed.kind,
          certificateId: filed.certificateId,
          certificateNumber: filed.certificateNumber,
          currentStars: filed.currentStars,
          targetStars: filed.targetStars,
          validUntil: filed.certificateValidUntil,
          provinceCode: filed.provinceCode,
          communeCode: filed.communeCode,
          filedBy: user.id,
          filedAt: filed.filedAt.toISOString(),
        });
        return filed;
      })
      .catch(async (error: unknown) => {
        // Two filings at once: the product lock serialises them, the unique index is the last guard.
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
          const open = await this.dataSource.getRepository(ProductApplicationEntity).findOne({
            where: { productId, status: In([...ACTIVE_APPLICATION_STATUSES]) },
          });
          if (open) throw alreadyOpen(open);
        }
        throw error;
      });
    return this.stateOf(this.dataSource.manager, application);
  }

  async withdraw(user: AuthUser, applicationId: string, reason: string): Promise<ProductApplicationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.find(manager, applicationId);
      // The product first, as evaluation's events do, then the application.
      await this.stages.lockForAction(manager, user, found.productId);
      const application = await manager.findOneOrFail(ProductApplicationEntity, {
        where: { id: applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (application.status !== 'open')
        throw new AppException(RegistrationErrors.APPLICATION_NOT_OPEN, { status: application.status });
      const before = { ...application };
      const closedAt = new Date();
      Object.assign(application, {
        status: 'withdrawn',
        closedAt,
        closedReason: reason.trim(),
        closedBy: user.id,
      } satisfies Partial<ProductApplicationEntity>);
      await manager.update(
        ProductApplicationEntity,
        { id: applicationId },
        { status: 'withdrawn', closedAt, closedReason: application.closedReason, closedBy: user.id },
      );
      await recordChanges(manager, [
        {
          entityType: 'application',
          entityId: applicationId,
          action: 'withdrawn',
          changes: diffFields(before, application, APPLICATION_FIELDS),
          changedBy: user.id,
          ...unitOf(application),
        },
      ]);
      await this.outbox.append(manager, RegistrationEvents.productApplicationWithdrawn, {
        applicationId,
        productId: application.productId,
        kind: application.kind,
        reason: application.closedReason ?? '',
        provinceCode: application.provinceCode,
        communeCode: application.communeCode,
        withdrawnBy: user.id,
        withdrawnAt: closedAt.toISOString(),
      });
      return application;
    });
  }

  async get(user: AuthUser, applicationId: string): Promise<ApplicationState> {
    const application = await this.find(this.dataSource.manager, applicationId);
    await this.stages.visible(user, application.productId);
    return this.stateOf(this.dataSource.manager, application);
  }

  /** Every application of the product, newest first. */
  async forProduct(user: AuthUser, productId: string): Promise<ProductApplicationEntity[]> {
    await this.stages.visible(user, productId);
    return this.dataSource
      .getRepository(ProductApplicationEntity)
      .find({ where: { productId }, order: { filedAt: 'DESC', id: 'DESC' } });
  }

  /** The product's certificates as registration knows them, newest first. */
  async certificates(user: AuthUser, productId: string): Promise<CertificateState[]> {
    await this.stages.visible(user, productId);
    const certificates = await this.dataSource
      .getRepository(ProductCertificateEntity)
      .find({ where: { productId }, order: { issuedOn: 'DESC' } });
    return certificates.map((certificate) => ({
      certificate,
      reEvaluationOpensOn:
        certificate.status === 'valid'
          ? reEvaluationOpensOn(certificate.validUntil, this.config.RE_EVALUATION_WINDOW_MONTHS)
          : null,
    }));
  }

  /** Applications of a unit (default: the user's), or a producer's own, newest first. */
  async list(user: AuthUser, query: ListApplicationsQuery): Promise<Page<ProductApplicationEntity>> {
    const builder = this.dataSource.getRepository(ProductApplicationEntity).createQueryBuilder('application');
    const officer = user.roles.some((role) => OFFICER_ROLES.includes(role));
    if (!officer && user.roles.includes('producer')) {
      builder.andWhere('application.producer_id = :own', { own: user.producerId ?? randomUUID() });
    } else {
      const unit = query.unit ?? user.unitCode;
      if (unit !== NATIONAL_UNIT_CODE || user.unitCode !== NATIONAL_UNIT_CODE)
        await this.jurisdiction.assertWithin(user, unit);
      if (unit !== NATIONAL_UNIT_CODE) builder.andWhere('application.unit_path @> ARRAY[:unit]::text[]', { unit });
    }
    if (query.kind) builder.andWhere('application.kind = :kind', { kind: query.kind });
    if (query.status) builder.andWhere('application.status = :status', { status: query.status });
    if (query.active !== undefined) {
      builder.andWhere(`application.status ${query.active ? 'IN' : 'NOT IN'} (:...active)`, {
        active: [...ACTIVE_APPLICATION_STATUSES],
      });
    }
    if (query.producerId) builder.andWhere('application.producer_id = :producerId', { producerId: query.producerId });
    if (query.productId) builder.andWhere('application.product_id = :productId', { productId: query.productId });
    if (query.year) {
      builder.andWhere(`EXTRACT(YEAR FROM application.filed_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = :year`, {
        year: query.year,
      });
    }
    const q = query.q ? foldForSearch(query.q) : '';
    if (q) {
      builder.andWhere(
        'EXISTS (SELECT 1 FROM registration.product p WHERE p.id = application.product_id AND p.search_name LIKE :q)',
        { q: `%${q}%` },
      );
    }
    return pageOf(builder.orderBy('application.filedAt', 'DESC').addOrderBy('application.id', 'DESC'), query);
  }

  /** Adds or replaces a document of an open application's dossier (the same checks as the product dossier). */
  async upload(
    user: AuthUser,
    applicationId: string,
    item: string,
    file: UploadedFile | undefined,
  ): Promise<ApplicationDocumentEntity> {
    if (!file) throw new AppException(RegistrationErrors.FILE_REQUIRED);
    const application = await this.find(this.dataSource.manager, applicationId);
    const product = await this.stages.visible(user, application.productId);
    const rules = this.rules[application.kind];
    const entry = checklistFor(rules, product.group).find((candidate) => candidate.code === item);
    if (!entry) {
      throw new AppException(RegistrationErrors.APPLICATION_ITEM_UNKNOWN, {
        item,
        kind: application.kind,
        group: product.group,
      });
    }
    if (application.status !== 'open')
      throw new AppException(RegistrationErrors.APPLICATION_NOT_OPEN, { status: application.status });
    if (file.size > this.config.DOCUMENT_MAX_BYTES || file.buffer.length > this.config.DOCUMENT_MAX_BYTES) {
      throw new AppException(RegistrationErrors.DOCUMENT_TOO_LARGE, { maxBytes: this.config.DOCUMENT_MAX_BYTES });
    }
    if (!rules.contentTypes.includes(file.mimetype) || !contentMatches(file.mimetype, file.buffer)) {
      throw new AppException(RegistrationErrors.DOCUMENT_TYPE_NOT_ALLOWED, { allowed: rules.contentTypes.join(', ') });
    }
    const id = randomUUID();
    const stored = await this.storage.put(`applications/${applicationId}/${id}`, file.buffer);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.stages.lockForAction(manager, user, application.productId);
        const locked = await manager.findOneOrFail(ProductApplicationEntity, {
          where: { id: applicationId },
          lock: { mode: 'pessimistic_write' },
        });
        if (locked.status !== 'open')
          throw new AppException(RegistrationErrors.APPLICATION_NOT_OPEN, { status: locked.status });
        const replaced = await manager.findOne(ApplicationDocumentEntity, {
          where: { applicationId, item, supersededAt: IsNull() },
          select: { id: true },
        });
        await manager.update(
          ApplicationDocumentEntity,
          { applicationId, item, supersededAt: IsNull() },
          { supersededAt: () => 'now()' },
        );
        const document = manager.create(ApplicationDocumentEntity, {
          id,
          applicationId,
          item,
          fileName: safeFileName(file.originalname),
          contentType: file.mimetype,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          storageKey: stored.key,
          uploadedBy: user.id,
          supersededAt: null,
        });
        await manager.insert(ApplicationDocumentEntity, document);
        await recordChanges(manager, [
          {
            entityType: 'application_document',
            entityId: id,
            action: replaced ? 'replaced' : 'uploaded',
            changes: {
              ...diffFields(null, document, [
                'applicationId',
                'item',
                'fileName',
                'contentType',
                'sizeBytes',
                'sha256',
              ]),
              supersedes: [null, replaced?.id ?? null],
            },
            changedBy: user.id,
            ...unitOf(locked),
          },
        ]);
        return document;
      });
    } catch (error) {
      await this.storage.remove(stored.key).catch(() => undefined);
      throw error;
    }
  }

  async download(
    user: AuthUser,
    applicationId: string,
    documentId: string,
  ): Promise<{ document: ApplicationDocumentEntity; content: Readable }> {
    const application = await this.find(this.dataSource.manager, applicationId);
    await this.stages.visible(user, application.productId);
    const document = await this.dataSource
      .getRepository(ApplicationDocumentEntity)
      .findOne({ where: { id: documentId, applicationId } });
    if (!document) throw new AppException(RegistrationErrors.DOCUMENT_NOT_FOUND, { documentId });
    const content = await this.storage.open(document.storageKey);
    await this.accessLog.downloaded(
      user,
      {
        entityType: 'application_document',
        entityId: documentId,
        ...unitOf(application),
        params: { applicationId, item: document.item, fileName: document.fileName, sha256: document.sha256 },
      },
      content,
    );
    return { document, content };
  }

  private async find(manager: EntityManager, applicationId: string): Promise<ProductApplicationEntity> {
    const application = await manager.findOne(ProductApplicationEntity, { where: { id: applicationId } });
    if (!application) throw new AppException(RegistrationErrors.APPLICATION_NOT_FOUND, { applicationId });
    return application;
  }

  /** The product's latest certificate that is valid or expired (not revoked or superseded). */
  private async currentCertificate(
    manager: EntityManager,
    productId: string,
  ): Promise<ProductCertificateEntity | null> {
    return manager.findOne(ProductCertificateEntity, {
      where: { productId, status: In(['valid', 'expired']) },
      order: { issuedOn: 'DESC' },
    });
  }

  private async stateOf(manager: EntityManager, application: ProductApplicationEntity): Promise<ApplicationState> {
    const product = await manager.findOneByOrFail(ProductEntity, { id: application.productId });
    const documents = await manager.find(ApplicationDocumentEntity, {
      where: { applicationId: application.id, supersededAt: IsNull() },
    });
    const checklist = checklistFor(this.rules[application.kind], product.group).map((item) => {
      const document = documents.find((candidate) => candidate.item === item.code) ?? null;
      return { ...item, provided: document !== null, document };
    });
    return { application, checklist, complete: checklist.every((entry) => entry.provided) };
  }
}

function alreadyOpen(open: ProductApplicationEntity): AppException {
  return new AppException(
    RegistrationErrors.APPLICATION_ALREADY_OPEN,
    { kind: open.kind },
    { applicationId: open.id, kind: open.kind, status: open.status },
  );
}

/** An application checklist: the dossier checklist's format, documents only. */
function readApplicationRules(path: string): DossierRules {
  const rules = readDossierRules(path);
  const checks = rules.items.filter((item) => item.kind !== 'document').map((item) => item.code);
  if (checks.length > 0) throw new Error(`${path}: application checklists hold documents only (${checks.join(', ')})`);
  return rules;
}
