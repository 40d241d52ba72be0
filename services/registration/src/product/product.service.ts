import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { foldForSearch, NATIONAL_UNIT_CODE, RegistrationEvents, yearInVietnam, isProvinceCode } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, JurisdictionService, totalFromPage, type AuthUser, type Page } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { CycleCalendarService } from '../cycle-calendar/cycle-calendar.service';
import { ProducerService } from '../producer/producer.service';
import { ProductGroupService } from '../product-group/product-group.service';
import { unitOf } from '../registration.audit';
import { RegistrationErrors } from '../registration.errors';
import type { CreateProductDto, UpdateProductDto } from './dto/create-product.dto';
import { ProducerEntity } from '../producer/producer.entity';
import type { ListProductsQuery } from './dto/list-products.query';
import { ProductView, type ProductListRow } from './dto/product.view';
import { assertProductEditable } from './product-editing';
import { ProductEntity } from './product.entity';
import { ProductTallyEntity } from './product-tally.entity';

/** What a product's registration records (its stage changes are recorded by ProductStageService). */
const PRODUCT_FIELDS: Extract<keyof ProductEntity, string>[] = [
  'producerId',
  'name',
  'group',
  'subgroup',
  'description',
  'rawMaterialOrigin',
  'communeCode',
  'status',
  'cycleYear',
];

/** ProductView's fields and the columns they are read from in a list. */
const LIST_COLUMNS: Record<keyof ProductListRow, string> = {
  id: 'product.id',
  producerId: 'product.producer_id',
  name: 'product.name',
  group: 'product.group',
  subgroup: 'product.subgroup',
  description: 'product.description',
  rawMaterialOrigin: 'product.raw_material_origin',
  provinceCode: 'product.province_code',
  communeCode: 'product.commune_code',
  status: 'product.status',
  cycleYear: 'product.cycle_year',
  workflowId: 'product.workflow_id',
  createdAt: 'product.created_at',
};

@Injectable()
export class ProductService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producers: ProducerService,
    private readonly groups: ProductGroupService,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
    private readonly cycles: CycleCalendarService,
  ) {}

  /** Registers a product of a producer in the user's jurisdiction; it enters the cycle as an idea. */
  async register(user: AuthUser, dto: CreateProductDto): Promise<ProductEntity> {
    const producer = await this.producers.get(user, dto.producerId);
    await this.groups.assertAllowed(dto.group, dto.subgroup, producer.legalForm);
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      await this.cycles.assertIdeaWindowOpen(manager, producer.communeCode, producer.provinceCode, now);
      const product = manager.create(ProductEntity, {
        producerId: producer.id,
        producerLegalForm: producer.legalForm,
        name: dto.name.trim(),
        searchName: foldForSearch(dto.name),
        group: dto.group,
        subgroup: dto.subgroup ?? null,
        description: dto.description ?? null,
        rawMaterialOrigin: dto.rawMaterialOrigin ?? null,
        provinceCode: producer.provinceCode,
        communeCode: producer.communeCode,
        unitPath: producer.unitPath,
        status: 'idea',
        cycleYear: yearInVietnam(now),
        workflowId: null,
        workflowRunId: null,
        createdBy: user.id,
      });
      await manager.insert(ProductEntity, product);
      await recordChanges(manager, [
        {
          entityType: 'product',
          entityId: product.id,
          action: 'registered',
          changes: diffFields(null, product, PRODUCT_FIELDS),
          changedBy: user.id,
          ...unitOf(product),
        },
      ]);
      await this.outbox.append(manager, RegistrationEvents.productRegistered, {
        productId: product.id,
        name: product.name,
        group: product.group,
        subgroup: product.subgroup,
        producerId: producer.id,
        producerName: producer.name,
        provinceCode: product.provinceCode,
        communeCode: product.communeCode,
        cycleYear: product.cycleYear,
        registeredAt: product.createdAt.toISOString(),
      });
      return product;
    });
  }

  /**
   * A page of the list and its total (counted only when the page does not show it). The page is read as plain
   * rows of the columns a view shows, not as entities: the list is the busiest screen, and building entities was
   * the API's largest cost per request.
   */
  async list(user: AuthUser, query: ListProductsQuery): Promise<Page<ProductView>> {
    const builder = await this.filtered(user, query);
    const rows = await builder
      .clone()
      .select(Object.entries(LIST_COLUMNS).map(([alias, column]) => `${column} AS "${alias}"`))
      .offset(query.offset)
      .limit(query.limit)
      .getRawMany<ProductListRow>();
    const total = totalFromPage(rows.length, query) ?? (await this.total(query.unit ?? user.unitCode, query, builder));
    return { items: rows.map((row) => ProductView.fromRow(row)), total, limit: query.limit, offset: query.offset };
  }

  /**
   * A list's total. National and province lists filtered only by group, stage, year or legal form sum the
   * tally the database keeps (at most a few thousand rows) rather than count up to every product; the others
   * (a commune or district, a producer, a subgroup, a name) count their matches, which their indexes narrow.
   */
  private async total(
    unit: string,
    query: ListProductsQuery,
    filtered: SelectQueryBuilder<ProductEntity>,
  ): Promise<number> {
    const tallied =
      (unit === NATIONAL_UNIT_CODE || isProvinceCode(unit)) &&
      !query.producerId &&
      !query.subgroup &&
      !(query.q && foldForSearch(query.q));
    if (!tallied) return filtered.getCount();
    const tally = this.dataSource
      .getRepository(ProductTallyEntity)
      .createQueryBuilder('tally')
      .select('COALESCE(SUM(tally.products), 0)::int', 'total');
    if (unit !== NATIONAL_UNIT_CODE) tally.andWhere('tally.province_code = :unit', { unit });
    if (query.group) tally.andWhere('tally.group = :group', { group: query.group });
    if (query.status) tally.andWhere('tally.status = :status', { status: query.status });
    if (query.year) tally.andWhere('tally.cycle_year = :year', { year: query.year });
    if (query.legalForm) tally.andWhere('tally.producer_legal_form = :legalForm', { legalForm: query.legalForm });
    const row = await tally.getRawOne<{ total: number }>();
    return row?.total ?? 0;
  }

  /** The rows of a list, batch by batch in a stable order, for exports. */
  async exportBatch(user: AuthUser, query: ListProductsQuery, offset: number, size: number): Promise<ProductEntity[]> {
    return (await this.filtered(user, query)).take(size).skip(offset).getMany();
  }

  /**
   * Filters of the product lists. A province (a two-digit code in either era) is matched on `province_code`,
   * so the page and its count read one btree (index-only for the count); other units use the unit_path GIN
   * index; the name the trigram index; the legal form is the product's copy of it, no join.
   */
  private async filtered(user: AuthUser, query: ListProductsQuery): Promise<SelectQueryBuilder<ProductEntity>> {
    const unit = query.unit ?? user.unitCode;
    if (unit !== NATIONAL_UNIT_CODE || user.unitCode !== NATIONAL_UNIT_CODE)
      await this.jurisdiction.assertWithin(user, unit);
    const builder = this.dataSource.getRepository(ProductEntity).createQueryBuilder('product');
    if (isProvinceCode(unit)) builder.andWhere('product.province_code = :unit', { unit });
    else if (unit !== NATIONAL_UNIT_CODE) builder.andWhere('product.unit_path @> ARRAY[:unit]::text[]', { unit });
    if (query.producerId) builder.andWhere('product.producer_id = :producerId', { producerId: query.producerId });
    if (query.group) builder.andWhere('product.group = :group', { group: query.group });
    if (query.subgroup) builder.andWhere('product.subgroup = :subgroup', { subgroup: query.subgroup });
    if (query.status) builder.andWhere('product.status = :status', { status: query.status });
    if (query.year) builder.andWhere('product.cycle_year = :year', { year: query.year });
    if (query.legalForm) builder.andWhere('product.producer_legal_form = :legalForm', { legalForm: query.legalForm });
    const q = query.q ? foldForSearch(query.q) : '';
    if (q) builder.andWhere('product.search_name LIKE :q', { q: `%${q}%` });
    const column = query.sort.endsWith('name') ? 'product.searchName' : 'product.createdAt';
    // The id breaks ties in the same direction, so one btree index (column, id) serves the whole order.
    const direction = query.sort.startsWith('-') ? 'DESC' : 'ASC';
    return builder.orderBy(column, direction).addOrderBy('product.id', direction);
  }

  /**
   * Corrects a product's name, subgroup, description or origin of raw materials. Once the product is in a
   * round (or beyond), what the council scores must match the dossier, so these are locked.
   */
  async update(user: AuthUser, productId: string, dto: UpdateProductDto): Promise<ProductEntity> {
    return this.dataSource.transaction(async (manager) => {
      const product = await manager.findOne(ProductEntity, {
        where: { id: productId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!product) throw new AppException(RegistrationErrors.PRODUCT_NOT_FOUND, { productId });
      await this.jurisdiction.assertWithin(user, product.communeCode);
      assertProductEditable(product);
      if (dto.subgroup !== undefined) {
        const producer = await manager.findOneByOrFail(ProducerEntity, { id: product.producerId });
        await this.groups.assertAllowed(product.group, dto.subgroup, producer.legalForm);
      }
      const before = {
        name: product.name,
        subgroup: product.subgroup,
        description: product.description,
        rawMaterialOrigin: product.rawMaterialOrigin,
      };
      if (dto.name !== undefined) product.name = dto.name.trim();
      if (dto.subgroup !== undefined) product.subgroup = dto.subgroup;
      if (dto.description !== undefined) product.description = dto.description;
      if (dto.rawMaterialOrigin !== undefined) product.rawMaterialOrigin = dto.rawMaterialOrigin;
      const changed = (Object.keys(before) as (keyof typeof before)[]).filter(
        (field) => before[field] !== product[field],
      );
      if (changed.length === 0) return product;
      product.searchName = foldForSearch(product.name);
      await manager.save(ProductEntity, product);
      await recordChanges(manager, [
        {
          entityType: 'product',
          entityId: productId,
          action: 'updated',
          changes: diffFields<ProductEntity>(before, product, changed),
          changedBy: user.id,
          ...unitOf(product),
        },
      ]);
      await this.outbox.append(manager, RegistrationEvents.productUpdated, {
        productId,
        changedFields: changed,
        name: product.name,
        subgroup: product.subgroup,
        updatedAt: new Date().toISOString(),
      });
      return product;
    });
  }

  async get(user: AuthUser, productId: string): Promise<ProductEntity> {
    const product = await this.dataSource.getRepository(ProductEntity).findOne({ where: { id: productId } });
    if (!product) throw new AppException(RegistrationErrors.PRODUCT_NOT_FOUND, { productId });
    await this.jurisdiction.assertWithin(user, product.communeCode);
    return product;
  }
}
