import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createChangeRecordTable, dropChangeRecordTable } from '@ocop/persistence';

export class ReadModelsReportsPlans1795393235529 implements MigrationInterface {
  name = 'ReadModelsReportsPlans1795393235529';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await createChangeRecordTable(queryRunner, 'reporting');
    await queryRunner.query(`
            CREATE TABLE "reporting"."notification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "source_key" text NOT NULL,
                "kind" text NOT NULL,
                "unit_code" text,
                "user_id" text,
                "producer_id" uuid,
                "title" text NOT NULL,
                "body" text NOT NULL,
                "data" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                "webhook_state" text NOT NULL DEFAULT 'none',
                "email_state" text NOT NULL DEFAULT 'none',
                "delivery_attempts" integer NOT NULL DEFAULT '0',
                "next_delivery_at" TIMESTAMP WITH TIME ZONE,
                "last_delivery_error" text,
                CONSTRAINT "uq_notification_source" UNIQUE ("source_key"),
                CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_delivery" ON "reporting"."notification" ("next_delivery_at")
            WHERE webhook_state = 'pending'
                OR email_state = 'pending'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_producer" ON "reporting"."notification" ("producer_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_user" ON "reporting"."notification" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_unit" ON "reporting"."notification" ("unit_code", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."unit_contact" (
                "unit_code" text NOT NULL,
                "emails" text array NOT NULL DEFAULT '{}',
                "updated_by" text NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8d8cb190dd2bb5e20b9853f6e0e" PRIMARY KEY ("unit_code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."plan_actual" (
                "plan_code" text NOT NULL,
                "kind" text NOT NULL,
                "item_code" text NOT NULL,
                "year" integer NOT NULL,
                "value" numeric(20, 2) NOT NULL,
                "note" text,
                "recorded_by" text NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_59c75e27f91c4db7d1126c310c2" PRIMARY KEY ("plan_code", "kind", "item_code", "year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."rm_producer" (
                "producer_id" uuid NOT NULL,
                "name" text NOT NULL,
                "legal_form" text NOT NULL,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                "registered_on" date NOT NULL,
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "PK_17ce9ed4c222232bbc069daae61" PRIMARY KEY ("producer_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_producer_commune" ON "reporting"."rm_producer" ("commune_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_producer_province" ON "reporting"."rm_producer" ("province_code", "commune_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."rm_product" (
                "product_id" uuid NOT NULL,
                "name" text,
                "group" text,
                "subgroup" text,
                "producer_id" uuid,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                "cycle_year" integer,
                "registered_on" date,
                "stage" text,
                "stage_changed_on" date,
                "certificate_id" uuid,
                "certificate_number" text,
                "stars" integer,
                "certificate_status" text,
                "certified_on" date,
                "valid_until" date,
                "last_score" numeric(5, 2),
                CONSTRAINT "PK_54ce97991f5a8c65ae0659895fe" PRIMARY KEY ("product_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_product_producer" ON "reporting"."rm_product" ("producer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_product_commune" ON "reporting"."rm_product" ("commune_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_product_province" ON "reporting"."rm_product" ("province_code", "commune_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."rm_product_count" (
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                "stage" text NOT NULL,
                "group" text NOT NULL,
                "count" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_5e08ec4e599623571859d9152ca" PRIMARY KEY (
                    "province_code",
                    "commune_code",
                    "stage",
                    "group"
                )
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_product_count_commune" ON "reporting"."rm_product_count" ("commune_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."rm_certificate" (
                "certificate_id" uuid NOT NULL,
                "number" text NOT NULL,
                "product_id" uuid NOT NULL,
                "stars" integer NOT NULL,
                "level" text NOT NULL,
                "kind" text NOT NULL,
                "group" text NOT NULL,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                "issued_on" date NOT NULL,
                "valid_until" date NOT NULL,
                "status" text NOT NULL DEFAULT 'valid',
                "ended_on" date,
                "end_reason" text,
                CONSTRAINT "PK_a249f5209fb5262910498b65b40" PRIMARY KEY ("certificate_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_certificate_product" ON "reporting"."rm_certificate" ("product_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_certificate_valid_until" ON "reporting"."rm_certificate" ("valid_until")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_certificate_commune" ON "reporting"."rm_certificate" ("commune_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_certificate_province" ON "reporting"."rm_certificate" ("province_code", "commune_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."rm_round_entry" (
                "round_id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "level" text NOT NULL,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                CONSTRAINT "PK_af801c54b142c68d16bb5389beb" PRIMARY KEY ("round_id", "product_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."rm_sales_point" (
                "sales_point_id" uuid NOT NULL,
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL DEFAULT '',
                "opened_on" date NOT NULL,
                "closed_on" date,
                CONSTRAINT "PK_81cd8c12a92863d1a262f89be45" PRIMARY KEY ("sales_point_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_sales_point_province" ON "reporting"."rm_sales_point" ("province_code", "commune_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."rm_activity" (
                "month" date NOT NULL,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                "metric" text NOT NULL,
                "count" integer NOT NULL DEFAULT '0',
                "amount" numeric(20, 2) NOT NULL DEFAULT '0',
                CONSTRAINT "PK_c31865ac4863b89f2acfd8e4ed3" PRIMARY KEY (
                    "month",
                    "province_code",
                    "commune_code",
                    "metric"
                )
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_activity_commune" ON "reporting"."rm_activity" ("commune_code", "month")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rm_activity_province" ON "reporting"."rm_activity" ("province_code", "month")
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."rm_round" (
                "round_id" uuid NOT NULL,
                "name" text NOT NULL,
                "level" text NOT NULL,
                "province_code" text NOT NULL,
                "meeting_date" date NOT NULL,
                CONSTRAINT "PK_c5479e1d3435cf9874d4f193b68" PRIMARY KEY ("round_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."report" (
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "obligation_code" text NOT NULL,
                "period_key" text NOT NULL,
                "unit_code" text NOT NULL,
                "province_code" text NOT NULL,
                "recipient_unit_code" text NOT NULL,
                "status" text NOT NULL DEFAULT 'draft',
                "summary" text NOT NULL DEFAULT '',
                "due_before" date NOT NULL,
                "snapshot" jsonb,
                "submissions" integer NOT NULL DEFAULT '0',
                "first_submitted_at" TIMESTAMP WITH TIME ZONE,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "submitted_by" text,
                "timeliness" text,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decided_by" text,
                "return_reason" text,
                "revision" integer NOT NULL DEFAULT '1',
                CONSTRAINT "uq_report_obligation_period_unit" UNIQUE ("obligation_code", "period_key", "unit_code"),
                CONSTRAINT "PK_99e4d0bea58cba73c57f935a546" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_report_recipient" ON "reporting"."report" (
                "obligation_code",
                "period_key",
                "recipient_unit_code"
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."report_period" (
                "obligation_code" text NOT NULL,
                "period_key" text NOT NULL,
                "due_before" date NOT NULL,
                "expected" integer NOT NULL,
                "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "escalated_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_6128593f026f478115208cba40d" PRIMARY KEY ("obligation_code", "period_key")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting"."report_unit" (
                "code" text NOT NULL,
                "name" text NOT NULL,
                "level" text NOT NULL,
                "province_code" text NOT NULL,
                CONSTRAINT "PK_b91fd55f31cbc47ba9728b885c8" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_report_unit_province" ON "reporting"."report_unit" ("province_code", "level")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_report_unit_province"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."report_unit"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."report_period"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_report_recipient"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."report"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."rm_round"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_activity_province"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_activity_commune"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."rm_activity"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_sales_point_province"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."rm_sales_point"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."rm_round_entry"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_certificate_province"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_certificate_commune"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_certificate_valid_until"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_certificate_product"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."rm_certificate"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_product_count_commune"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."rm_product_count"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_product_province"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_product_commune"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_product_producer"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."rm_product"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_producer_province"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_rm_producer_commune"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."rm_producer"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."plan_actual"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."unit_contact"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_notification_unit"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_notification_user"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_notification_producer"
        `);
    await queryRunner.query(`
            DROP INDEX "reporting"."ix_notification_delivery"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting"."notification"
        `);
    await dropChangeRecordTable(queryRunner, 'reporting');
  }
}
