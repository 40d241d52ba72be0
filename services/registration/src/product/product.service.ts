import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NATIONAL_UNIT_CODE, RegistrationEvents, yearInVietnam } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import { ProducerService } from '../producer/producer.service';
import { RegistrationErrors } from '../registration.errors';
import type { CreateProductDto } from './dto/create-product.dto';
import type { ListProductsQuery } from './dto/list-products.query';
import { ProductEntity } from './product.entity';

@Injectable()
export class ProductService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producers: ProducerService,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Registers a product of a producer in the user's jurisdiction; it enters the cycle as an idea. */
  async register(user: AuthUser, dto: CreateProductDto): Promise<ProductEntity> {
    const producer = await this.producers.get(user, dto.producerId);
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const product = manager.create(ProductEntity, {
        producerId: producer.id,
        name: dto.name.trim(),
        group: dto.group,
        description: dto.description ?? null,
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
      await this.outbox.append(manager, RegistrationEvents.productRegistered, {
        productId: product.id,
        name: product.name,
        group: product.group,
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

  /** Products in the user's jurisdiction, newest first (the unit_path GIN index serves the filter). */
  async list(user: AuthUser, query: ListProductsQuery): Promise<{ items: ProductEntity[]; total: number }> {
    const builder = this.dataSource.getRepository(ProductEntity).createQueryBuilder('product');
    if (user.unitCode !== NATIONAL_UNIT_CODE) builder.where('product.unit_path @> ARRAY[:unit]::text[]', { unit: user.unitCode });
    if (query.producerId) builder.andWhere('product.producer_id = :producerId', { producerId: query.producerId });
    const [items, total] = await builder
      .orderBy('product.created_at', 'DESC')
      .addOrderBy('product.id')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items, total };
  }

  async get(user: AuthUser, productId: string): Promise<ProductEntity> {
    const product = await this.dataSource.getRepository(ProductEntity).findOne({ where: { id: productId } });
    if (!product) throw new AppException(RegistrationErrors.PRODUCT_NOT_FOUND, { productId });
    await this.jurisdiction.assertWithin(user, product.communeCode);
    return product;
  }
}
