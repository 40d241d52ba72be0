import { MigrationInterface, QueryRunner } from "typeorm";

export class ReportingInit1795381004563 implements MigrationInterface {
    name = 'ReportingInit1795381004563'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "reporting"."inbox_event" (
                "consumer" text NOT NULL,
                "event_id" uuid NOT NULL,
                "subject" text NOT NULL,
                "handled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_48ab9f20107758a42caac8cd99b" PRIMARY KEY ("consumer", "event_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "reporting"."outbox_event" (
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
            CREATE INDEX "ix_outbox_event_unpublished" ON "reporting"."outbox_event" ("sequence")
            WHERE published_at IS NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "reporting"."ix_outbox_event_unpublished"
        `);
        await queryRunner.query(`
            DROP TABLE "reporting"."outbox_event"
        `);
        await queryRunner.query(`
            DROP TABLE "reporting"."inbox_event"
        `);
    }

}
