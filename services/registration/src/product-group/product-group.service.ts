import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { LegalForm, ProductGroup } from '@ocop/contracts';
import { AppException } from '@ocop/nest-common';
import { RegistrationErrors } from '../registration.errors';
import { ProductGroupEntity, ProductGroupLegalFormEntity, ProductSubgroupEntity } from './product-group.entity';

export interface ProductGroupTree extends ProductGroupEntity {
  subgroups: ProductSubgroupEntity[];
  legalForms: string[];
}

/** Reference data of product groups, read once: it changes only with a migration. */
@Injectable()
export class ProductGroupService {
  private cache?: Promise<ProductGroupTree[]>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  all(): Promise<ProductGroupTree[]> {
    this.cache ??= this.load();
    return this.cache;
  }

  /** Throws when the subgroup is not of the group, or the producer's legal form cannot hold the group. */
  async assertAllowed(group: ProductGroup, subgroup: string | undefined, legalForm: LegalForm): Promise<void> {
    const tree = (await this.all()).find((entry) => entry.code === group);
    if (subgroup && !tree?.subgroups.some((entry) => entry.code === subgroup)) {
      throw new AppException(RegistrationErrors.PRODUCT_SUBGROUP_NOT_IN_GROUP, { subgroup, group });
    }
    if (!tree?.legalForms.includes(legalForm)) {
      throw new AppException(RegistrationErrors.LEGAL_FORM_CANNOT_HOLD_GROUP, { legalForm, group });
    }
  }

  private async load(): Promise<ProductGroupTree[]> {
    const [groups, subgroups, forms] = await Promise.all([
      this.dataSource.getRepository(ProductGroupEntity).find({ order: { legacy: 'ASC', code: 'ASC' } }),
      this.dataSource.getRepository(ProductSubgroupEntity).find({ order: { code: 'ASC' } }),
      this.dataSource.getRepository(ProductGroupLegalFormEntity).find(),
    ]);
    return groups.map((group) => ({
      ...group,
      subgroups: subgroups.filter((subgroup) => subgroup.groupCode === group.code),
      legalForms: forms.filter((form) => form.groupCode === group.code).map((form) => form.legalForm),
    }));
  }
}
