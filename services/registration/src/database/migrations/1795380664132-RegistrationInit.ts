import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@ocop/persistence';

export class RegistrationInit1795380664132 implements MigrationInterface {
  name = 'RegistrationInit1795380664132';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, 'registration');
    await queryRunner.query(`
            CREATE TABLE "registration"."admin_unit_mapping" (
                "legacy_code" text NOT NULL,
                "legacy_level" text NOT NULL,
                "new_code" text NOT NULL,
                "new_level" text NOT NULL,
                "note" text NOT NULL DEFAULT '',
                CONSTRAINT "PK_83fe457927f5ba2ecbd762f9bc4" PRIMARY KEY ("legacy_code", "legacy_level", "new_code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "registration"."admin_unit" (
                "era" text NOT NULL,
                "code" text NOT NULL,
                "name" text NOT NULL,
                "level" text NOT NULL,
                "kind" text NOT NULL,
                "parent_code" text,
                "ancestors" text array NOT NULL,
                "valid_from" date,
                "valid_to" date,
                CONSTRAINT "PK_5d50460c2138a8110a01df62f8f" PRIMARY KEY ("era", "code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_admin_unit_parent" ON "registration"."admin_unit" ("era", "parent_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "registration"."producer" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tax_code" text NOT NULL,
                "name" text NOT NULL,
                "legal_form" text NOT NULL,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                "unit_path" text array NOT NULL,
                "representative" text,
                "phone" text,
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4cfe496c2c70e4c9b9f444525a6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ux_producer_tax_code" ON "registration"."producer" ("tax_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "registration"."product" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "producer_id" uuid NOT NULL,
                "name" text NOT NULL,
                "group" text NOT NULL,
                "description" text,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                "unit_path" text array NOT NULL,
                "status" text NOT NULL DEFAULT 'idea',
                "cycle_year" integer NOT NULL,
                "workflow_id" text,
                "workflow_run_id" text,
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_bebc9158e480b949565b4dc7a82" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_producer" ON "registration"."product" ("producer_id")
        `);
    // Subtree filters (`unit_path @> ARRAY[code]`) for jurisdiction-scoped lists; TypeORM does not manage GIN.
    await queryRunner.query(
      `CREATE INDEX "ix_admin_unit_ancestors" ON "registration"."admin_unit" USING gin ("ancestors")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_producer_unit_path" ON "registration"."producer" USING gin ("unit_path")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_product_unit_path" ON "registration"."product" USING gin ("unit_path")`);
    await queryRunner.query(`
            ALTER TABLE "registration"."product"
            ADD CONSTRAINT "FK_d478a408853788d463d987149eb" FOREIGN KEY ("producer_id") REFERENCES "registration"."producer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "registration"."ix_product_unit_path"`);
    await queryRunner.query(`DROP INDEX "registration"."ix_producer_unit_path"`);
    await queryRunner.query(`DROP INDEX "registration"."ix_admin_unit_ancestors"`);
    await queryRunner.query(`
            ALTER TABLE "registration"."product" DROP CONSTRAINT "FK_d478a408853788d463d987149eb"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_product_producer"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."product"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ux_producer_tax_code"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."producer"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_admin_unit_parent"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."admin_unit"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."admin_unit_mapping"
        `);
    await dropMessagingTables(queryRunner, 'registration');
  }
}
