import { MigrationInterface, QueryRunner } from 'typeorm';

export class CriteriaSets1795389518555 implements MigrationInterface {
  name = 'CriteriaSets1795389518555';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "evaluation"."criteria_set" (
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version_code" text NOT NULL,
                "group" text NOT NULL,
                "subgroup" text,
                "subgroup_key" text NOT NULL,
                "revision" integer NOT NULL,
                "title" text NOT NULL,
                "source" text NOT NULL,
                "document" jsonb NOT NULL,
                "criteria_count" integer NOT NULL,
                CONSTRAINT "PK_6717d6b7309a910d3f19f558c04" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ux_criteria_set_key_revision" ON "evaluation"."criteria_set" (
                "version_code",
                "group",
                "subgroup_key",
                "revision"
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "evaluation"."ux_criteria_set_key_revision"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation"."criteria_set"
        `);
  }
}
