import { MigrationInterface, QueryRunner } from 'typeorm';
import { foldForSearch } from '@ocop/contracts';

const BATCH = 5_000;

async function backfillSearchNames(queryRunner: QueryRunner, table: string): Promise<void> {
  for (;;) {
    const rows = (await queryRunner.query(
      `SELECT id, name FROM "registration"."${table}" WHERE search_name = '' LIMIT ${BATCH}`,
    )) as { id: string; name: string }[];
    if (rows.length === 0) return;
    await queryRunner.query(
      `UPDATE "registration"."${table}" AS t SET search_name = v.folded
               FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, folded text) WHERE t.id = v.id`,
      [JSON.stringify(rows.map((row) => ({ id: row.id, folded: foldForSearch(row.name) || row.name.toLowerCase() })))],
    );
  }
}

export class ProducerDetailsAndProductGroups1795384198077 implements MigrationInterface {
  name = 'ProducerDetailsAndProductGroups1795384198077';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "registration"."producer_change" (
                "producer_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "changes" jsonb NOT NULL,
                "changed_by" text NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e05b6c877d161ca9480ccd5917e" PRIMARY KEY ("producer_id", "version")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "registration"."product_group" (
                "code" text NOT NULL,
                "name_vi" text NOT NULL,
                "name_en" text NOT NULL,
                "legacy" boolean NOT NULL DEFAULT false,
                "maps_to" text,
                "maps_to_subgroup" text,
                CONSTRAINT "PK_7ecdd40ae42be37d6fdc8551f5c" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "registration"."product_subgroup" (
                "code" text NOT NULL,
                "group_code" text NOT NULL,
                "name_vi" text NOT NULL,
                "name_en" text NOT NULL,
                CONSTRAINT "PK_46e57248883dba9d4bbbf679338" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_subgroup_group" ON "registration"."product_subgroup" ("group_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "registration"."product_group_legal_form" (
                "group_code" text NOT NULL,
                "legal_form" text NOT NULL,
                CONSTRAINT "PK_9f31ab397e6dacbd8bc8913828b" PRIMARY KEY ("group_code", "legal_form")
            )
        `);
    await queryRunner.query(`ALTER TABLE "registration"."producer" ADD "search_name" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer"
            ADD "village" text
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer"
            ADD "street" text
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer"
            ADD "email" text
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer"
            ADD "website" text
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer"
            ADD "women_led" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer"
            ADD "ethnic_minority_led" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer"
            ADD "youth_startup" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer"
            ADD "version" integer NOT NULL DEFAULT '1'
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer"
            ADD "workforce_total" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer"
            ADD "workforce_trained" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer"
            ADD "workforce_women" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer"
            ADD "workforce_ethnic_minority" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`ALTER TABLE "registration"."product" ADD "search_name" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`
            ALTER TABLE "registration"."product"
            ADD "subgroup" text
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."product"
            ADD "raw_material_origin" text
        `);
    // Existing rows: folded names, then no default (the application always sets it).
    for (const table of ['producer', 'product']) {
      await backfillSearchNames(queryRunner, table);
      await queryRunner.query(`ALTER TABLE "registration"."${table}" ALTER COLUMN "search_name" DROP DEFAULT`);
    }
    // Existing producers get their first version in the history, as registered.
    await queryRunner.query(`
            INSERT INTO "registration"."producer_change" (producer_id, version, changes, changed_by, changed_at)
            SELECT p.id, 1, jsonb_build_object(
                     'name', jsonb_build_array(null, p.name), 'legalForm', jsonb_build_array(null, p.legal_form),
                     'communeCode', jsonb_build_array(null, p.commune_code),
                     'representative', jsonb_build_array(null, p.representative), 'phone', jsonb_build_array(null, p.phone)),
                   p.created_by, p.created_at
              FROM "registration"."producer" p
        `);
    // Accent-insensitive search: LIKE '%words%' on the folded names, served by trigram indexes.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "ix_producer_search_name" ON "registration"."producer" USING gin ("search_name" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_product_search_name" ON "registration"."product" USING gin ("search_name" gin_trgm_ops)`,
    );
    await queryRunner.query(`
            CREATE INDEX "ix_producer_commune_created" ON "registration"."producer" ("commune_code", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_status_cycle" ON "registration"."product" ("status", "cycle_year")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "registration"."ix_product_search_name"`);
    await queryRunner.query(`DROP INDEX "registration"."ix_producer_search_name"`);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_product_status_cycle"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_producer_commune_created"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."product" DROP COLUMN "raw_material_origin"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."product" DROP COLUMN "subgroup"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."product" DROP COLUMN "search_name"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "workforce_ethnic_minority"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "workforce_women"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "workforce_trained"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "workforce_total"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "version"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "youth_startup"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "ethnic_minority_led"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "women_led"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "website"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "email"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "street"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "village"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"."producer" DROP COLUMN "search_name"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."product_group_legal_form"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_product_subgroup_group"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."product_subgroup"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."product_group"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."producer_change"
        `);
  }
}
