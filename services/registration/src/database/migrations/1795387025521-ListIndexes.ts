import { MigrationInterface, QueryRunner } from 'typeorm';

export class ListIndexes1795387025521 implements MigrationInterface {
  name = 'ListIndexes1795387025521';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "registration"."ix_product_status_cycle"
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_producer_legal_form" ON "registration"."producer" ("legal_form", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_group_status_cycle" ON "registration"."product" (
                "group",
                "status",
                "cycle_year",
                "created_at",
                "id"
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_search_order" ON "registration"."product" ("search_name", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_created" ON "registration"."product" ("created_at", "id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "registration"."ix_product_created"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_product_search_order"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_product_group_status_cycle"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_producer_legal_form"
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_status_cycle" ON "registration"."product" ("status", "cycle_year")
        `);
  }
}
