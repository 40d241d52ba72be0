import { MigrationInterface, QueryRunner } from 'typeorm';

export class CycleCalendars1795391492225 implements MigrationInterface {
  name = 'CycleCalendars1795391492225';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "registration"."cycle" (
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "unit_code" text NOT NULL,
                "year" integer NOT NULL,
                "province_code" text NOT NULL,
                "steps" jsonb NOT NULL,
                "reminder_days" jsonb NOT NULL,
                "windows" jsonb NOT NULL,
                "source" text NOT NULL,
                "workflow_id" text NOT NULL,
                CONSTRAINT "PK_24c07fbd4c6807498f099aba5ab" PRIMARY KEY ("unit_code", "year")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_cycle_year_province" ON "registration"."cycle" ("year", "province_code")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "registration"."ix_cycle_year_province"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."cycle"
        `);
  }
}
