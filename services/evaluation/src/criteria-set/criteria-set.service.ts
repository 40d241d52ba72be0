import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { NATIONAL_UNIT_CODE, type ProductGroup } from '@ocop/contracts';
import { AppException, createValidationPipe, defineErrors, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { RegulationService } from '../regulation/regulation.service';
import { readShippedCriteriaSets } from './criteria-set.data';
import { CriteriaSetEntity } from './criteria-set.entity';
import { validateCriteriaSet, type CriteriaSetDocument } from './criteria-set.rules';
import { ImportCriteriaSetDto } from './dto/criteria-set.dto';

export const CriteriaSetErrors = defineErrors({
  CRITERIA_SET_INVALID: {
    status: 400,
    vi: 'Bộ tiêu chí chưa hợp lệ: {problems}',
    en: 'The criteria set is not valid: {problems}',
  },
  CRITERIA_SET_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy bộ tiêu chí {criteriaSetId}',
    en: 'Criteria set {criteriaSetId} not found',
  },
  CRITERIA_SET_MISSING: {
    status: 404,
    vi: 'Chưa có bộ tiêu chí theo quy định {versionCode} cho nhóm sản phẩm {product}',
    en: 'No criteria set of regulation {versionCode} for product group {product}',
  },
});

/** Who the shipped sets (data/criteria-sets) are recorded as created by. */
export const SHIPPED_BY = 'system';

/** Who the audit log names for the shipped sets loaded at start. */
const LOADER = 'system:evaluation';

/** What a set's change record keeps (the document itself is immutable and kept with the set). */
const SET_FIELDS: Extract<keyof CriteriaSetEntity, string>[] = [
  'versionCode',
  'group',
  'subgroup',
  'revision',
  'title',
  'source',
  'criteriaCount',
];

/** Documents kept in memory (a few sets per version and group). */
const DOCUMENT_CACHE_SIZE = 200;

/** Shown in the error message; details list every problem. */
const PROBLEMS_IN_MESSAGE = 5;

export interface CriteriaSetFilter {
  version?: string;
  group?: ProductGroup;
  /** Every revision, not only the latest of each (version, group, subgroup). */
  allRevisions?: boolean;
}

const validation = createValidationPipe();

/** The shape checks an HTTP body gets (VALIDATION_FAILED), for every caller. */
async function checkShape(input: ImportCriteriaSetDto | CriteriaSetDocument): Promise<ImportCriteriaSetDto> {
  return (await validation.transform(input, { type: 'body', metatype: ImportCriteriaSetDto })) as ImportCriteriaSetDto;
}

@Injectable()
export class CriteriaSetService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CriteriaSetService.name);
  private readonly documents = new Map<string, CriteriaSetDocument>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regulations: RegulationService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const loaded = await this.loadShipped();
    if (loaded > 0) this.logger.log(`Loaded ${loaded} shipped criteria set(s)`);
  }

  /**
   * Loads data/criteria-sets as revision 1 of each set that has no revision yet; idempotent, and safe when
   * replicas start together (each key is locked, the insert ignores a conflict). Returns how many it added.
   */
  async loadShipped(): Promise<number> {
    let added = 0;
    for (const shipped of readShippedCriteriaSets(this.regulations.versions)) {
      const document = toDocument(await checkShape(shipped.document));
      const inserted = await this.dataSource.transaction(async (manager) => {
        await this.lockKey(manager, document);
        if (await manager.existsBy(CriteriaSetEntity, this.key(document))) return false;
        const row = this.row(document, 1, SHIPPED_BY);
        const result = await manager.createQueryBuilder().insert().into(CriteriaSetEntity).values(row).orIgnore().execute();
        const returned: unknown = result.raw;
        const id = Array.isArray(returned) ? (returned[0] as { id?: string } | undefined)?.id : undefined;
        if (!id) return false;
        await this.record(manager, id, 'loaded', row, LOADER);
        return true;
      });
      if (inserted) added += 1;
    }
    return added;
  }

  /** Checks the set's shape and rules against its regulation version, then stores it as the next revision. */
  async import(user: AuthUser, input: ImportCriteriaSetDto | CriteriaSetDocument): Promise<CriteriaSetEntity> {
    const document = toDocument(await checkShape(input));
    const version = this.regulations.version(document.versionCode);
    const problems = validateCriteriaSet(document, version);
    if (problems.length > 0) {
      const shown = problems.slice(0, PROBLEMS_IN_MESSAGE).join('; ');
      const more = problems.length > PROBLEMS_IN_MESSAGE ? ` (+${problems.length - PROBLEMS_IN_MESSAGE})` : '';
      throw new AppException(CriteriaSetErrors.CRITERIA_SET_INVALID, { problems: shown + more }, { problems });
    }
    return this.dataSource.transaction(async (manager) => {
      await this.lockKey(manager, document);
      const latest = await manager.findOne(CriteriaSetEntity, {
        where: this.key(document),
        order: { revision: 'DESC' },
        select: { id: true, revision: true },
      });
      const set = manager.create(CriteriaSetEntity, this.row(document, (latest?.revision ?? 0) + 1, user.id));
      await manager.insert(CriteriaSetEntity, set);
      await this.record(manager, set.id, 'imported', set, user.id);
      return set;
    });
  }

  /** `manager`: read inside the caller's transaction (no second pool connection while it holds one). */
  async get(criteriaSetId: string, manager: EntityManager = this.dataSource.manager): Promise<CriteriaSetEntity> {
    const set = await manager.getRepository(CriteriaSetEntity).findOneBy({ id: criteriaSetId });
    if (!set) throw new AppException(CriteriaSetErrors.CRITERIA_SET_NOT_FOUND, { criteriaSetId });
    return set;
  }

  /** The document of a set, e.g. the one a round entry pinned (sets are immutable, so it is kept once read). */
  async document(criteriaSetId: string, manager?: EntityManager): Promise<CriteriaSetDocument> {
    const cached = this.documents.get(criteriaSetId);
    if (cached) return cached;
    const { document } = await this.get(criteriaSetId, manager);
    if (this.documents.size >= DOCUMENT_CACHE_SIZE) this.documents.clear();
    this.documents.set(criteriaSetId, document);
    return document;
  }

  /** The latest revision of each set (or every revision), by version, group, subgroup. */
  async list(filter: CriteriaSetFilter = {}): Promise<CriteriaSetEntity[]> {
    const query = this.dataSource
      .getRepository(CriteriaSetEntity)
      .createQueryBuilder('s')
      .orderBy('s.versionCode', 'ASC')
      .addOrderBy('s.group', 'ASC')
      .addOrderBy('s.subgroupKey', 'ASC')
      .addOrderBy('s.revision', 'DESC');
    if (filter.version) query.andWhere('s.versionCode = :version', { version: filter.version });
    if (filter.group) query.andWhere('s.group = :group', { group: filter.group });
    if (!filter.allRevisions) {
      query.andWhere(
        (qb) =>
          `s.revision = ${qb
            .subQuery()
            .select('max(r.revision)')
            .from(CriteriaSetEntity, 'r')
            .where('r.versionCode = s.versionCode AND r.group = s.group AND r.subgroupKey = s.subgroupKey')
            .getQuery()}`,
      );
    }
    return query.getMany();
  }

  /**
   * The set a round of this version scores a product of the group and subgroup with: the latest revision of
   * the subgroup's own set, else of the whole group's.
   */
  async latestFor(
    versionCode: string,
    group: ProductGroup,
    subgroup: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CriteriaSetEntity> {
    const repository = manager.getRepository(CriteriaSetEntity);
    for (const subgroupKey of subgroup ? [subgroup, ''] : ['']) {
      const set = await repository.findOne({
        where: { versionCode, group, subgroupKey },
        order: { revision: 'DESC' },
      });
      if (set) return set;
    }
    throw new AppException(CriteriaSetErrors.CRITERIA_SET_MISSING, {
      versionCode,
      product: subgroup ? `${group}/${subgroup}` : group,
    });
  }

  /** Criteria sets are national (a regulation version's): their changes belong to the country. */
  private async record(
    manager: EntityManager,
    id: string,
    action: string,
    set: Partial<CriteriaSetEntity>,
    actor: string,
  ): Promise<void> {
    await recordChanges(manager, [
      {
        entityType: 'criteria_set',
        entityId: id,
        action,
        changes: diffFields(null, set, SET_FIELDS),
        changedBy: actor,
        unitCode: NATIONAL_UNIT_CODE,
      },
    ]);
  }

  private key(document: CriteriaSetDocument): Pick<CriteriaSetEntity, 'versionCode' | 'group' | 'subgroupKey'> {
    return { versionCode: document.versionCode, group: document.group, subgroupKey: document.subgroup ?? '' };
  }

  /** Serialises writers of one (version, group, subgroup) so revisions are numbered without gaps or clashes. */
  private async lockKey(manager: EntityManager, document: CriteriaSetDocument): Promise<void> {
    const { versionCode, group, subgroupKey } = this.key(document);
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `criteria_set|${versionCode}|${group}|${subgroupKey}`,
    ]);
  }

  private row(document: CriteriaSetDocument, revision: number, createdBy: string): Partial<CriteriaSetEntity> {
    return {
      ...this.key(document),
      subgroup: document.subgroup,
      revision,
      title: document.title,
      source: document.source,
      document,
      criteriaCount: document.parts.reduce((count, part) => count + part.criteria.length, 0),
      createdBy,
    };
  }
}

/** The stored document: exactly the declared fields, so an export imports back unchanged. */
function toDocument(dto: ImportCriteriaSetDto): CriteriaSetDocument {
  return {
    versionCode: dto.versionCode,
    group: dto.group,
    subgroup: dto.subgroup ?? null,
    title: dto.title.trim(),
    source: dto.source.trim(),
    parts: dto.parts.map((part) => ({
      code: part.code,
      name: part.name,
      criteria: part.criteria.map((criterion) => ({
        code: criterion.code,
        section: criterion.section,
        text: criterion.text,
        options: criterion.options.map(({ code, text, points }) => ({ code, text, points })),
        requiredForStars: criterion.requiredForStars ?? null,
        ...(criterion.requiredMinimumPoints === undefined
          ? {}
          : { requiredMinimumPoints: criterion.requiredMinimumPoints }),
      })),
    })),
  };
}
