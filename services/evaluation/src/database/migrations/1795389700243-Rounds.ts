import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createChangeRecordTable, dropChangeRecordTable } from '@ocop/persistence';

export class Rounds1795389700243 implements MigrationInterface {
  name = 'Rounds1795389700243';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await createChangeRecordTable(queryRunner, 'evaluation');
    await queryRunner.query(`
            CREATE TABLE "evaluation"."certificate" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "number" text NOT NULL,
                "issuing_unit_code" text NOT NULL,
                "series_year" integer NOT NULL,
                "sequence" integer NOT NULL,
                "product_id" uuid NOT NULL,
                "product_name" text NOT NULL,
                "producer_id" uuid NOT NULL,
                "producer_name" text NOT NULL,
                "group" text NOT NULL,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                "stars" integer NOT NULL,
                "level" text NOT NULL,
                "kind" text NOT NULL,
                "issuer_name" text NOT NULL,
                "version_code" text NOT NULL,
                "decision_id" uuid NOT NULL,
                "round_id" uuid NOT NULL,
                "issued_on" date NOT NULL,
                "valid_until" date NOT NULL,
                "status" text NOT NULL,
                "supersedes" uuid,
                "superseded_by" uuid,
                "revocation_decision_id" uuid,
                "revocation_reason" text,
                "ended_on" date,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_certificate_series" UNIQUE ("issuing_unit_code", "series_year", "sequence"),
                CONSTRAINT "uq_certificate_number" UNIQUE ("number"),
                CONSTRAINT "PK_8daddfc65f59e341c2bbc9c9e43" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_certificate_province_status_expiry" ON "evaluation"."certificate" ("province_code", "status", "valid_until")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_certificate_product" ON "evaluation"."certificate" ("product_id", "issued_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation"."certificate_series" (
                "issuing_unit_code" text NOT NULL,
                "series_year" integer NOT NULL,
                "last_sequence" integer NOT NULL,
                CONSTRAINT "PK_b53dcc12a0d6e363e082ecc2d4c" PRIMARY KEY ("issuing_unit_code", "series_year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation"."decision" (
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" text NOT NULL,
                "number" text NOT NULL,
                "decision_date" date NOT NULL,
                "signer_name" text NOT NULL,
                "signer_title" text NOT NULL,
                "level" text NOT NULL,
                "issuing_unit_code" text NOT NULL,
                "issuer_name" text NOT NULL,
                "province_code" text NOT NULL,
                "round_id" uuid,
                "revocation_reason" text,
                "minutes_ref" text,
                CONSTRAINT "uq_decision_issuer_number" UNIQUE ("issuing_unit_code", "number"),
                CONSTRAINT "PK_fa4cbd6abf1215054f13c27df5a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_decision_round" ON "evaluation"."decision" ("round_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation"."round" (
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "level" text NOT NULL,
                "unit_code" text NOT NULL,
                "province_code" text NOT NULL,
                "council_id" uuid NOT NULL,
                "version_code" text NOT NULL,
                "dossier_deadline" date NOT NULL,
                "meeting_date" date NOT NULL,
                "scoring_deadline" date NOT NULL,
                "phase" text NOT NULL DEFAULT 'draft',
                "aggregation" text NOT NULL DEFAULT 'mean',
                "spread_threshold" real NOT NULL DEFAULT '10',
                "revision" integer NOT NULL DEFAULT '1',
                CONSTRAINT "PK_34bd959f3f4a90eb86e4ae24d2d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_round_council" ON "evaluation"."round" ("council_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_round_province_phase" ON "evaluation"."round" ("province_code", "phase", "meeting_date")
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation"."round_entry" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "criteria_set_id" uuid NOT NULL,
                "product_name" text NOT NULL,
                "producer_id" uuid NOT NULL,
                "producer_name" text NOT NULL,
                "group" text NOT NULL,
                "commune_code" text NOT NULL,
                "previous_certificate_id" uuid,
                "forwarded_from_round_id" uuid,
                "score" numeric(5, 2),
                "stars" integer,
                "star_cap" integer,
                "missed_requirements" jsonb NOT NULL DEFAULT '[]',
                "flagged" boolean NOT NULL DEFAULT false,
                "spread_accepted_note" text,
                "outcome" jsonb,
                "feedback" text,
                "entered_by" text NOT NULL,
                "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_round_entry_product" UNIQUE ("round_id", "product_id"),
                CONSTRAINT "PK_1001dc176c894640344ab6745f0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_round_entry_product" ON "evaluation"."round_entry" ("product_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation"."round_attendance" (
                "round_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "present" boolean NOT NULL,
                "recorded_by" text NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_dc32540eecb8970fe89d704e53b" PRIMARY KEY ("round_id", "member_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation"."recusal" (
                "round_id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "declared_by" text NOT NULL,
                "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_dd1787b92ef90a3494ae620b4b0" PRIMARY KEY ("round_id", "product_id", "member_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation"."scorecard" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "status" text NOT NULL,
                "attempt" integer NOT NULL DEFAULT '1',
                "choices" jsonb NOT NULL,
                "total" numeric(5, 2),
                "part_totals" jsonb NOT NULL DEFAULT '{}',
                "missed_requirements" jsonb NOT NULL DEFAULT '[]',
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_scorecard_member_product" UNIQUE ("round_id", "product_id", "member_id"),
                CONSTRAINT "PK_bcadf4539dab46678db1748dcd1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_scorecard_round_member" ON "evaluation"."scorecard" ("round_id", "member_id", "status")
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluation"."product_intake"
            ADD "subgroup" text
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluation"."product_intake"
            ADD "stage" text NOT NULL DEFAULT 'idea'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "evaluation"."product_intake" DROP COLUMN "stage"
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluation"."product_intake" DROP COLUMN "subgroup"
        `);
    await queryRunner.query(`
            DROP INDEX "evaluation"."ix_scorecard_round_member"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation"."scorecard"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation"."recusal"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation"."round_attendance"
        `);
    await queryRunner.query(`
            DROP INDEX "evaluation"."ix_round_entry_product"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation"."round_entry"
        `);
    await queryRunner.query(`
            DROP INDEX "evaluation"."ix_round_province_phase"
        `);
    await queryRunner.query(`
            DROP INDEX "evaluation"."ix_round_council"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation"."round"
        `);
    await queryRunner.query(`
            DROP INDEX "evaluation"."ix_decision_round"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation"."decision"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation"."certificate_series"
        `);
    await queryRunner.query(`
            DROP INDEX "evaluation"."ix_certificate_product"
        `);
    await queryRunner.query(`
            DROP INDEX "evaluation"."ix_certificate_province_status_expiry"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation"."certificate"
        `);
    await dropChangeRecordTable(queryRunner, 'evaluation');
  }
}
