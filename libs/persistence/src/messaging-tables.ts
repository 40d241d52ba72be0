import type { QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every service has in its own schema (entities in this lib). Each service's
 * first migration calls this; the migration drift test checks the result against the entities.
 */
export async function createMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}"."inbox_event" (
      "consumer" text NOT NULL,
      "event_id" uuid NOT NULL,
      "subject" text NOT NULL,
      "handled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_48ab9f20107758a42caac8cd99b" PRIMARY KEY ("consumer", "event_id")
    )`);
  await queryRunner.query(`
    CREATE TABLE "${schema}"."outbox_event" (
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
    )`);
  await queryRunner.query(
    `CREATE INDEX "ix_outbox_event_unpublished" ON "${schema}"."outbox_event" ("sequence") WHERE published_at IS NULL`,
  );
}

export async function dropMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}"."outbox_event"`);
  await queryRunner.query(`DROP TABLE "${schema}"."inbox_event"`);
}
