import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readPlans } from '../../plan/plan.data';
import { insertPreloadedPlans } from '../../plan/plan.record';
import { readUnits } from '../../unit/units.data';

/**
 * Plans move from data/plans into the `plan` table, where they are created and amended through the API: the
 * table (by code, by province, GIN over the communes of the scope), then the pre-loaded plans of data/plans as
 * they are (checked, with their units against data/units-2025.csv), so an existing install keeps answering them.
 */
export class PlansInDatabase1795401136947 implements MigrationInterface {
  name = 'PlansInDatabase1795401136947';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reporting"."plan" (
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "code" text NOT NULL,
                "title" text NOT NULL,
                "issuer" text NOT NULL,
                "issuing_unit" jsonb NOT NULL,
                "province_code" text NOT NULL,
                "commune_codes" text array,
                "scope_note" text,
                "starts_on" date NOT NULL,
                "ends_on" date NOT NULL,
                "source" jsonb NOT NULL,
                "targets" jsonb NOT NULL,
                "budget" jsonb,
                "status" text NOT NULL DEFAULT 'active',
                "preloaded" boolean NOT NULL DEFAULT false,
                "updated_by" text,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_by" text,
                "withdrawal_reason" text,
                "revision" integer NOT NULL DEFAULT '1',
                CONSTRAINT "PK_e405cbb23fb08931a48ad8c2bdb" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_plan_province" ON "reporting"."plan" ("province_code", "starts_on")
        `);
    await queryRunner.query(`CREATE INDEX "ix_plan_communes" ON "reporting"."plan" USING gin ("commune_codes")`);
    const units = new Map(readUnits().map((unit) => [unit.code, unit]));
    await insertPreloadedPlans(
      queryRunner,
      readPlans(undefined, (code) => units.get(code)),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "reporting"."ix_plan_communes"`);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_plan_province"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."plan"
        `);
  }
}
