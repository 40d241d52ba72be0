import { MigrationInterface, QueryRunner } from "typeorm";

export class EvaluationInit1795380938753 implements MigrationInterface {
    name = 'EvaluationInit1795380938753'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "evaluation"."inbox_event" (
                "consumer" text NOT NULL,
                "event_id" uuid NOT NULL,
                "subject" text NOT NULL,
                "handled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_48ab9f20107758a42caac8cd99b" PRIMARY KEY ("consumer", "event_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "evaluation"."outbox_event" (
                "id" uuid NOT NULL,
                "sequence" BIGSERIAL NOT NULL,
                "subject" text NOT NULL,
                "envelope" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                CONSTRAINT "UQ_e641558a111824af2541a82d915" UNIQUE ("sequence"),
                CONSTRAINT "PK_cc0c9e40998e45ecfc5e313429d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outbox_event_unpublished" ON "evaluation"."outbox_event" ("sequence")
            WHERE published_at IS NULL
        `);
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
        await queryRunner.query(`
            DROP INDEX "evaluation"."ix_outbox_event_unpublished"
        `);
        await queryRunner.query(`
            DROP TABLE "evaluation"."outbox_event"
        `);
        await queryRunner.query(`
            DROP TABLE "evaluation"."inbox_event"
        `);
    }

}
