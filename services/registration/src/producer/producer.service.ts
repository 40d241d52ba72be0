import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { foldForSearch, NATIONAL_UNIT_CODE, RegistrationEvents } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { ChangeRecordEntity, recordChanges, type FieldChanges, type JsonValue } from '@ocop/persistence';
import { AppException, JurisdictionService, type AuthUser, type Page, pageOf } from '@ocop/nest-common';
import type { AdminUnitEntity } from '../admin-unit/admin-unit.entity';
import { AdminUnitService } from '../admin-unit/admin-unit.service';
import { RegistrationErrors } from '../registration.errors';
import type { CreateProducerDto, UpdateProducerDto } from './dto/create-producer.dto';
import type { ListProducersQuery } from './dto/list-producers.query';
import type { ProducerWarning } from './dto/producer.view';
import { ProductEntity } from '../product/product.entity';
import { ProducerEntity } from './producer.entity';

/** Fields whose changes the history keeps (everything a user can set). */
const TRACKED_FIELDS = [
  'name',
  'legalForm',
  'communeCode',
  'village',
  'street',
  'representative',
  'phone',
  'email',
  'website',
  'workforce',
  'womenLed',
  'ethnicMinorityLed',
  'youthStartup',
] as const;
type TrackedField = (typeof TRACKED_FIELDS)[number];

/** The audit log's actions that make a new version of a producer (its history). */
const VERSION_ACTIONS = ['registered', 'updated'] as const;

/** Names this similar (pg_trgm similarity of the folded names) in the same commune are flagged. */
const SIMILAR_NAME_THRESHOLD = 0.6;

const SORT_COLUMNS = { name: 'producer.searchName', createdAt: 'producer.createdAt' } as const;

@Injectable()
export class ProducerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: AdminUnitService,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
  ) {}

  async register(
    user: AuthUser,
    dto: CreateProducerDto,
  ): Promise<{ producer: ProducerEntity; warnings: ProducerWarning[] }> {
    const commune = await this.communeInJurisdiction(user, dto.communeCode);
    const existing = await this.byTaxCode(dto.taxCode);
    if (existing) throw this.taxCodeTaken(dto.taxCode, existing);
    try {
      // The warnings are read inside the transaction: once it commits, nothing can fail the request, so a
      // client that sees an error knows nothing was stored and may retry.
      return await this.dataSource.transaction(async (manager) => {
        const producer = await this.insert(manager, user, dto, commune);
        return { producer, warnings: await this.similarNames(manager, producer) };
      });
    } catch (error) {
      // A concurrent registration of the same tax code won the race on the unique index.
      if ((error as { code?: string }).code === '23505')
        throw this.taxCodeTaken(dto.taxCode, await this.byTaxCode(dto.taxCode));
      throw error;
    }
  }

  async update(user: AuthUser, producerId: string, dto: UpdateProducerDto): Promise<ProducerEntity> {
    const current = await this.get(user, producerId);
    const commune =
      dto.communeCode && dto.communeCode !== current.communeCode
        ? await this.communeInJurisdiction(user, dto.communeCode)
        : null;
    return this.dataSource.transaction(async (manager) => {
      const producer = await manager.findOne(ProducerEntity, {
        where: { id: producerId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!producer) throw new AppException(RegistrationErrors.PRODUCER_NOT_FOUND, { producerId });
      const before = snapshot(producer);
      Object.assign(producer, withoutUndefined({ ...dto, name: dto.name?.trim() }));
      if (dto.workforce) producer.workforce = { ...dto.workforce };
      if (commune) this.place(producer, commune);
      const changes = diff(before, snapshot(producer));
      if (Object.keys(changes).length === 0) return producer;
      producer.searchName = foldForSearch(producer.name);
      producer.version += 1;
      await manager.save(ProducerEntity, producer);
      if (changes['legalForm']) {
        await manager.update(ProductEntity, { producerId }, { producerLegalForm: producer.legalForm });
      }
      await this.recordChange(manager, producer, changes, user);
      return producer;
    });
  }

  async get(user: AuthUser, producerId: string): Promise<ProducerEntity> {
    const producer = await this.dataSource.getRepository(ProducerEntity).findOne({ where: { id: producerId } });
    if (!producer) throw new AppException(RegistrationErrors.PRODUCER_NOT_FOUND, { producerId });
    await this.jurisdiction.assertWithin(user, producer.communeCode);
    return producer;
  }

  /** The producer's versions, oldest first: its `registered` and `updated` rows of the audit log. */
  async history(user: AuthUser, producerId: string): Promise<ChangeRecordEntity[]> {
    await this.get(user, producerId);
    return this.dataSource
      .getRepository(ChangeRecordEntity)
      .createQueryBuilder('change')
      .where('change.entity_type = :type AND change.entity_id = :producerId', { type: 'producer', producerId })
      .andWhere('change.action IN (:...actions)', { actions: VERSION_ACTIONS })
      .orderBy('change.changedAt', 'ASC')
      .addOrderBy('change.id', 'ASC')
      .getMany();
  }

  async list(user: AuthUser, query: ListProducersQuery): Promise<Page<ProducerEntity>> {
    const builder = await this.filtered(user, query);
    return pageOf(builder, query);
  }

  /** The rows of a list, batch by batch in a stable order, for exports. */
  async exportBatch(
    user: AuthUser,
    query: ListProducersQuery,
    offset: number,
    size: number,
  ): Promise<ProducerEntity[]> {
    return (await this.filtered(user, query)).take(size).skip(offset).getMany();
  }

  private async filtered(user: AuthUser, query: ListProducersQuery): Promise<SelectQueryBuilder<ProducerEntity>> {
    const unit = query.unit ?? user.unitCode;
    if (unit !== NATIONAL_UNIT_CODE || user.unitCode !== NATIONAL_UNIT_CODE)
      await this.jurisdiction.assertWithin(user, unit);
    const builder = this.dataSource.getRepository(ProducerEntity).createQueryBuilder('producer');
    if (unit !== NATIONAL_UNIT_CODE) builder.andWhere('producer.unit_path @> ARRAY[:unit]::text[]', { unit });
    if (query.legalForm) builder.andWhere('producer.legal_form = :legalForm', { legalForm: query.legalForm });
    const q = query.q ? foldForSearch(query.q) : '';
    if (q) builder.andWhere('producer.search_name LIKE :q', { q: `%${q}%` });
    const descending = query.sort.startsWith('-');
    const column = SORT_COLUMNS[query.sort.replace('-', '') as keyof typeof SORT_COLUMNS];
    // The id breaks ties in the same direction, so one btree index (column, id) serves the whole order.
    const direction = descending ? 'DESC' : 'ASC';
    return builder.orderBy(column, direction).addOrderBy('producer.id', direction);
  }

  private async insert(
    manager: EntityManager,
    user: AuthUser,
    dto: CreateProducerDto,
    commune: AdminUnitEntity,
  ): Promise<ProducerEntity> {
    const producer = manager.create(ProducerEntity, {
      taxCode: dto.taxCode,
      name: dto.name.trim(),
      searchName: foldForSearch(dto.name),
      legalForm: dto.legalForm,
      village: dto.village ?? null,
      street: dto.street ?? null,
      representative: dto.representative ?? null,
      phone: dto.phone ?? null,
      email: dto.email ?? null,
      website: dto.website ?? null,
      workforce: dto.workforce ?? { total: 0, trained: 0, women: 0, ethnicMinority: 0 },
      womenLed: dto.womenLed ?? false,
      ethnicMinorityLed: dto.ethnicMinorityLed ?? false,
      youthStartup: dto.youthStartup ?? false,
      version: 1,
      createdBy: user.id,
    });
    this.place(producer, commune);
    await manager.insert(ProducerEntity, producer);
    await this.recordVersion(manager, producer, 'registered', diff(emptySnapshot(), snapshot(producer)), user);
    await this.outbox.append(manager, RegistrationEvents.producerRegistered, {
      producerId: producer.id,
      name: producer.name,
      legalForm: producer.legalForm,
      taxCode: producer.taxCode,
      provinceCode: producer.provinceCode,
      communeCode: producer.communeCode,
      registeredAt: producer.createdAt.toISOString(),
    });
    return producer;
  }

  private async recordChange(
    manager: EntityManager,
    producer: ProducerEntity,
    changes: FieldChanges,
    user: AuthUser,
  ): Promise<void> {
    await this.recordVersion(manager, producer, 'updated', changes, user);
    await this.outbox.append(manager, RegistrationEvents.producerUpdated, {
      producerId: producer.id,
      version: producer.version,
      changedFields: Object.keys(changes),
      name: producer.name,
      legalForm: producer.legalForm,
      provinceCode: producer.provinceCode,
      communeCode: producer.communeCode,
      updatedAt: new Date().toISOString(),
    });
  }

  /** A version of the producer in the audit log; `changes.version` numbers it for the history. */
  private async recordVersion(
    manager: EntityManager,
    producer: ProducerEntity,
    action: (typeof VERSION_ACTIONS)[number],
    changes: FieldChanges,
    user: AuthUser,
  ): Promise<void> {
    await recordChanges(manager, [
      {
        entityType: 'producer',
        entityId: producer.id,
        action,
        changes: { ...changes, version: [producer.version === 1 ? null : producer.version - 1, producer.version] },
        changedBy: user.id,
        unitCode: producer.communeCode,
        provinceCode: producer.provinceCode,
      },
    ]);
  }

  private place(producer: ProducerEntity, commune: AdminUnitEntity): void {
    producer.communeCode = commune.code;
    producer.provinceCode = commune.ancestors[commune.ancestors.length - 1]!;
    producer.unitPath = commune.ancestors;
  }

  private async communeInJurisdiction(user: AuthUser, communeCode: string): Promise<AdminUnitEntity> {
    await this.jurisdiction.assertWithin(user, communeCode);
    const commune = await this.units.find(communeCode);
    if (!commune || commune.level !== 'commune')
      throw new AppException(RegistrationErrors.UNIT_NOT_A_COMMUNE, { unitCode: communeCode });
    return commune;
  }

  private async similarNames(manager: EntityManager, producer: ProducerEntity): Promise<ProducerWarning[]> {
    const rows: { id: string; name: string }[] = await manager.query(
      `SELECT id, name FROM registration.producer
        WHERE commune_code = $1 AND id <> $2 AND similarity(search_name, $3) >= $4
        ORDER BY similarity(search_name, $3) DESC LIMIT 5`,
      [producer.communeCode, producer.id, producer.searchName, SIMILAR_NAME_THRESHOLD],
    );
    return rows.map((row) => ({
      code: 'SIMILAR_PRODUCER_NAME',
      message: `A producer with a similar name is registered in the same commune: ${row.name}`,
      producerId: row.id,
      producerName: row.name,
    }));
  }

  private byTaxCode(taxCode: string): Promise<Pick<ProducerEntity, 'id' | 'name'> | null> {
    return this.dataSource.getRepository(ProducerEntity).findOne({ where: { taxCode }, select: ['id', 'name'] });
  }

  private taxCodeTaken(taxCode: string, existing: Pick<ProducerEntity, 'id' | 'name'> | null): AppException {
    return new AppException(
      RegistrationErrors.PRODUCER_TAX_CODE_TAKEN,
      { taxCode, producerName: existing?.name ?? '' },
      { existingProducerId: existing?.id },
    );
  }
}

type Snapshot = Record<TrackedField, JsonValue>;

function snapshot(producer: ProducerEntity): Snapshot {
  const values = Object.fromEntries(
    TRACKED_FIELDS.map((field) => [field, (producer[field] ?? null) as JsonValue]),
  ) as Snapshot;
  values.workforce = { ...producer.workforce };
  return values;
}

function emptySnapshot(): Snapshot {
  return Object.fromEntries(TRACKED_FIELDS.map((field) => [field, null])) as Snapshot;
}

function diff(before: Snapshot, after: Snapshot): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of TRACKED_FIELDS) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changes[field] = [before[field], after[field]];
  }
  return changes;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
