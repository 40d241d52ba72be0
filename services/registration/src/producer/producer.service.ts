import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RegistrationEvents } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import type { AdminUnitEntity } from '../admin-unit/admin-unit.entity';
import { AdminUnitService } from '../admin-unit/admin-unit.service';
import { RegistrationErrors } from '../registration.errors';
import type { CreateProducerDto } from './dto/create-producer.dto';
import { ProducerEntity } from './producer.entity';

@Injectable()
export class ProducerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: AdminUnitService,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
  ) {}

  async register(user: AuthUser, dto: CreateProducerDto): Promise<ProducerEntity> {
    await this.jurisdiction.assertWithin(user, dto.communeCode);
    const commune = await this.units.find(dto.communeCode);
    if (!commune || commune.level !== 'commune') {
      throw new AppException(RegistrationErrors.UNIT_NOT_A_COMMUNE, { unitCode: dto.communeCode });
    }
    const existing = await this.byTaxCode(dto.taxCode);
    if (existing) throw this.taxCodeTaken(dto.taxCode, existing);
    try {
      return await this.insert(user, dto, commune);
    } catch (error) {
      // A concurrent registration of the same tax code won the race on the unique index.
      if ((error as { code?: string }).code === '23505') {
        throw this.taxCodeTaken(dto.taxCode, await this.byTaxCode(dto.taxCode));
      }
      throw error;
    }
  }

  private insert(user: AuthUser, dto: CreateProducerDto, commune: AdminUnitEntity): Promise<ProducerEntity> {
    return this.dataSource.transaction(async (manager) => {
      const producer = manager.create(ProducerEntity, {
        taxCode: dto.taxCode,
        name: dto.name.trim(),
        legalForm: dto.legalForm,
        communeCode: commune.code,
        provinceCode: commune.ancestors[commune.ancestors.length - 1]!,
        unitPath: commune.ancestors,
        representative: dto.representative ?? null,
        phone: dto.phone ?? null,
        createdBy: user.id,
      });
      await manager.insert(ProducerEntity, producer);
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
    });
  }

  async get(user: AuthUser, producerId: string): Promise<ProducerEntity> {
    const producer = await this.dataSource.getRepository(ProducerEntity).findOne({ where: { id: producerId } });
    if (!producer) throw new AppException(RegistrationErrors.PRODUCER_NOT_FOUND, { producerId });
    await this.jurisdiction.assertWithin(user, producer.communeCode);
    return producer;
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
