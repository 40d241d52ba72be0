import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The producer's legal form on the product row (lists filter on it without a join) and btree indexes for
 * province lists, which the list now matches on `province_code`.
 */
export class ProductLegalFormAndProvinceIndexes1795400100000 implements MigrationInterface {
  name = 'ProductLegalFormAndProvinceIndexes1795400100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "registration"."product" ADD "producer_legal_form" text`);
    await queryRunner.query(`
      UPDATE "registration"."product" p SET "producer_legal_form" = r."legal_form"
        FROM "registration"."producer" r WHERE r."id" = p."producer_id"`);
    await queryRunner.query(`ALTER TABLE "registration"."product" ALTER COLUMN "producer_legal_form" SET NOT NULL`);
    await queryRunner.query(`
      CREATE INDEX "ix_product_form_created" ON "registration"."product" ("producer_legal_form", "created_at", "id")`);
    await queryRunner.query(`
      CREATE INDEX "ix_product_province_form_created"
        ON "registration"."product" ("province_code", "producer_legal_form", "created_at", "id")`);
    await queryRunner.query(`
      CREATE INDEX "ix_product_province_created" ON "registration"."product" ("province_code", "created_at", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "registration"."ix_product_province_created"`);
    await queryRunner.query(`DROP INDEX "registration"."ix_product_province_form_created"`);
    await queryRunner.query(`DROP INDEX "registration"."ix_product_form_created"`);
    await queryRunner.query(`ALTER TABLE "registration"."product" DROP COLUMN "producer_legal_form"`);
  }
}
