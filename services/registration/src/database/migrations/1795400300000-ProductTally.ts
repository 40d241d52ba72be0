import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The key of a tally row: what the national and province lists filter on, besides the name. */
const KEY = `"province_code", "group", "status", "cycle_year", "producer_legal_form"`;

/**
 * The number of products per province, group, stage, cycle year and legal form, kept by the database itself:
 * statement-level triggers on `product` add each statement's net change, so every write path (the API, the
 * event handlers, a manual fix in psql) keeps it exact, in the same transaction. National and province lists
 * read their total from it (a sum over at most a few thousand rows) instead of counting up to 100,000 products.
 */
export class ProductTally1795400300000 implements MigrationInterface {
  name = 'ProductTally1795400300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "registration"."product_tally" (
        "province_code" text NOT NULL,
        "group" text NOT NULL,
        "status" text NOT NULL,
        "cycle_year" integer NOT NULL,
        "producer_legal_form" text NOT NULL,
        "products" integer NOT NULL,
        CONSTRAINT "pk_product_tally" PRIMARY KEY (${KEY})
      )`);
    // The net change of a statement per key, applied in key order: concurrent statements lock tally rows in
    // one order, so they wait for each other but never deadlock over the tally.
    const apply = (rows: string) => `
      INSERT INTO "registration"."product_tally" AS t (${KEY}, "products")
      SELECT ${KEY}, sum(delta) FROM (${rows}) AS change
       GROUP BY ${KEY} HAVING sum(delta) <> 0 ORDER BY ${KEY}
      ON CONFLICT (${KEY}) DO UPDATE SET "products" = t."products" + EXCLUDED."products";`;
    await queryRunner.query(`
      CREATE FUNCTION "registration"."product_tally_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${apply(`SELECT ${KEY}, 1 AS delta FROM new_rows`)}
        ELSIF TG_OP = 'UPDATE' THEN
          ${apply(`SELECT ${KEY}, 1 AS delta FROM new_rows UNION ALL SELECT ${KEY}, -1 FROM old_rows`)}
        ELSIF TG_OP = 'DELETE' THEN
          ${apply(`SELECT ${KEY}, -1 AS delta FROM old_rows`)}
        ELSE
          DELETE FROM "registration"."product_tally";
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_product_tally_insert" AFTER INSERT ON "registration"."product"
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "registration"."product_tally_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_product_tally_update" AFTER UPDATE ON "registration"."product"
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION "registration"."product_tally_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_product_tally_delete" AFTER DELETE ON "registration"."product"
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "registration"."product_tally_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_product_tally_truncate" AFTER TRUNCATE ON "registration"."product"
        FOR EACH STATEMENT EXECUTE FUNCTION "registration"."product_tally_apply"()`);
    await queryRunner.query(`
      INSERT INTO "registration"."product_tally" (${KEY}, "products")
      SELECT ${KEY}, count(*) FROM "registration"."product" GROUP BY ${KEY}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete', 'truncate'])
      await queryRunner.query(`DROP TRIGGER "tr_product_tally_${event}" ON "registration"."product"`);
    await queryRunner.query(`DROP FUNCTION "registration"."product_tally_apply"()`);
    await queryRunner.query(`DROP TABLE "registration"."product_tally"`);
  }
}
