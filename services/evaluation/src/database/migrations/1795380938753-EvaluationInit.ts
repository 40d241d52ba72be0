import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@ocop/persistence';

export class EvaluationInit1795380938753 implements MigrationInterface {
  name = 'EvaluationInit1795380938753';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, 'evaluation');
    await queryRunner.query(`
            CREATE TABLE "evaluation"."product_intake" (
                "product_id" uuid NOT NULL,
                "name" text NOT NULL,
                "producer_id" uuid NOT NULL,
                "producer_name" text NOT NULL,
                "group" text NOT NULL,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                "cycle_year" integer NOT NULL,
                "workflow_id" text NOT NULL,
                "source_event_id" uuid NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b87126a48bdc0b88f099fa01cd2" PRIMARY KEY ("product_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_intake_unit_cycle" ON "evaluation"."product_intake" ("province_code", "commune_code", "cycle_year")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "evaluation"."ix_product_intake_unit_cycle"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation"."product_intake"
        `);
    await dropMessagingTables(queryRunner, 'evaluation');
  }
}
