import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createChangeRecordTable, dropChangeRecordTable } from '@ocop/persistence';

export class TradePromotion1795392894145 implements MigrationInterface {
  name = 'TradePromotion1795392894145';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await createChangeRecordTable(queryRunner, 'promotion');
    await queryRunner.query(`
            CREATE TABLE "promotion"."certificate" (
                "id" uuid NOT NULL,
                "number" text NOT NULL,
                "product_id" uuid NOT NULL,
                "product_name" text NOT NULL,
                "producer_id" uuid NOT NULL,
                "producer_name" text NOT NULL,
                "group" text NOT NULL,
                "stars" integer NOT NULL,
                "level" text NOT NULL,
                "kind" text NOT NULL,
                "issuing_unit_code" text NOT NULL,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                "issued_on" date NOT NULL,
                "valid_until" date NOT NULL,
                "status" text NOT NULL,
                "supersedes" uuid,
                "superseded_by" uuid,
                "ended_on" date,
                "end_reason" text,
                "source_event_id" uuid NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8daddfc65f59e341c2bbc9c9e43" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_certificate_producer" ON "promotion"."certificate" ("producer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_certificate_province_status" ON "promotion"."certificate" ("province_code", "status", "valid_until")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_certificate_product" ON "promotion"."certificate" ("product_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "promotion"."promotion_event" (
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "level" text NOT NULL,
                "unit_code" text NOT NULL,
                "province_code" text NOT NULL,
                "organiser_name" text NOT NULL,
                "place" text NOT NULL,
                "starts_on" date NOT NULL,
                "ends_on" date NOT NULL,
                "capacity" integer NOT NULL,
                "min_stars" integer NOT NULL DEFAULT '3',
                "status" text NOT NULL DEFAULT 'planned',
                "cancel_reason" text,
                "visitors" integer,
                "sales_vnd" bigint,
                "contracts_signed" integer,
                "contracts_value_vnd" bigint,
                "results_note" text,
                "results_recorded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_62f838572139f50c118ab7e9d41" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_promotion_event_province_start" ON "promotion"."promotion_event" ("province_code", "starts_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "promotion"."enrolment" (
                "product_id" uuid NOT NULL,
                "product_name" text NOT NULL,
                "producer_id" uuid NOT NULL,
                "producer_name" text NOT NULL,
                "product_province_code" text NOT NULL,
                "certificate_id" uuid NOT NULL,
                "certificate_number" text NOT NULL,
                "stars" integer NOT NULL,
                "suspended_reason" text,
                "suspended_at" TIMESTAMP WITH TIME ZONE,
                "restored_at" TIMESTAMP WITH TIME ZONE,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "booth" text,
                "sales_vnd" bigint,
                "contracts_signed" integer,
                "withdrawn_reason" text,
                "enrolled_by" text NOT NULL,
                "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_enrolment_event_product" UNIQUE ("event_id", "product_id"),
                CONSTRAINT "PK_5d2679f6c891d77c58aa0e05f2b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_enrolment_product_status" ON "promotion"."enrolment" ("product_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "promotion"."listing" (
                "product_id" uuid NOT NULL,
                "product_name" text NOT NULL,
                "producer_id" uuid NOT NULL,
                "producer_name" text NOT NULL,
                "product_province_code" text NOT NULL,
                "certificate_id" uuid NOT NULL,
                "certificate_number" text NOT NULL,
                "stars" integer NOT NULL,
                "suspended_reason" text,
                "suspended_at" TIMESTAMP WITH TIME ZONE,
                "restored_at" TIMESTAMP WITH TIME ZONE,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "platform" text NOT NULL,
                "url" text NOT NULL,
                "operator_name" text NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "delisted_reason" text,
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_listing_product_url" UNIQUE ("product_id", "url"),
                CONSTRAINT "PK_381d45ebb8692362c156d6b87d7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_listing_province" ON "promotion"."listing" ("product_province_code", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_listing_product_status" ON "promotion"."listing" ("product_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "promotion"."reward" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "policy_code" text NOT NULL,
                "payer_unit_code" text NOT NULL,
                "certificate_id" uuid NOT NULL,
                "certificate_number" text NOT NULL,
                "product_id" uuid NOT NULL,
                "product_name" text NOT NULL,
                "producer_id" uuid NOT NULL,
                "producer_name" text NOT NULL,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                "stars" integer NOT NULL,
                "previous_stars" integer,
                "reason" text NOT NULL,
                "amount_vnd" bigint NOT NULL,
                "budget_year" integer NOT NULL,
                "issued_on" date NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "rejection_reason" text,
                "approved_by" text,
                "approved_at" TIMESTAMP WITH TIME ZONE,
                "paid_on" date,
                "payment_ref" text,
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_reward_policy_certificate" UNIQUE ("policy_code", "certificate_id"),
                CONSTRAINT "PK_a90ea606c229e380fb341838036" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reward_producer" ON "promotion"."reward" ("producer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reward_product" ON "promotion"."reward" ("product_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reward_payer_year_status" ON "promotion"."reward" ("payer_unit_code", "budget_year", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "promotion"."reward_budget" (
                "unit_code" text NOT NULL,
                "year" integer NOT NULL,
                "amount_vnd" bigint NOT NULL,
                "set_by" text NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c6ec747e60ebffe930cea1df021" PRIMARY KEY ("unit_code", "year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "promotion"."sales_point" (
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "operator_name" text NOT NULL,
                "unit_code" text NOT NULL,
                "province_code" text NOT NULL,
                "address" text NOT NULL,
                "opened_on" date NOT NULL,
                "status" text NOT NULL DEFAULT 'open',
                "closed_on" date,
                CONSTRAINT "PK_16846e1a66054c18727ac119109" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_sales_point_province" ON "promotion"."sales_point" ("province_code", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "promotion"."consignment" (
                "product_id" uuid NOT NULL,
                "product_name" text NOT NULL,
                "producer_id" uuid NOT NULL,
                "producer_name" text NOT NULL,
                "product_province_code" text NOT NULL,
                "certificate_id" uuid NOT NULL,
                "certificate_number" text NOT NULL,
                "stars" integer NOT NULL,
                "suspended_reason" text,
                "suspended_at" TIMESTAMP WITH TIME ZONE,
                "restored_at" TIMESTAMP WITH TIME ZONE,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "sales_point_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "consigned_on" date NOT NULL,
                "ended_on" date,
                "end_reason" text,
                "consigned_by" text NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_consignment_point_product" UNIQUE ("sales_point_id", "product_id"),
                CONSTRAINT "PK_a058524563761989f50f411bb61" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_consignment_product_status" ON "promotion"."consignment" ("product_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "promotion"."support_programme" (
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "unit_code" text NOT NULL,
                "province_code" text NOT NULL,
                "organiser_name" text NOT NULL,
                "year" integer NOT NULL,
                "kinds" jsonb NOT NULL,
                "budget_vnd" bigint NOT NULL,
                CONSTRAINT "PK_130a7ec64e5b3ae756ed386a5ac" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_support_programme_province_year" ON "promotion"."support_programme" ("province_code", "year")
        `);
    await queryRunner.query(`
            CREATE TABLE "promotion"."support_request" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "programme_id" uuid NOT NULL,
                "province_code" text NOT NULL,
                "producer_id" uuid NOT NULL,
                "producer_name" text NOT NULL,
                "producer_address" text,
                "product_id" uuid,
                "product_name" text,
                "kind" text NOT NULL,
                "description" text NOT NULL,
                "requested_amount_vnd" bigint NOT NULL,
                "approved_amount_vnd" bigint,
                "status" text NOT NULL DEFAULT 'requested',
                "decision_note" text,
                "decided_by" text,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "delivered_on" date,
                "delivery_note" text,
                "requested_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_76db9b511f3ac27bf3237432acc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_support_request_producer" ON "promotion"."support_request" ("producer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_support_request_programme_status" ON "promotion"."support_request" ("programme_id", "status")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_support_request_programme_status"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_support_request_producer"
        `);
    await queryRunner.query(`
            DROP TABLE "promotion"."support_request"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_support_programme_province_year"
        `);
    await queryRunner.query(`
            DROP TABLE "promotion"."support_programme"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_consignment_product_status"
        `);
    await queryRunner.query(`
            DROP TABLE "promotion"."consignment"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_sales_point_province"
        `);
    await queryRunner.query(`
            DROP TABLE "promotion"."sales_point"
        `);
    await queryRunner.query(`
            DROP TABLE "promotion"."reward_budget"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_reward_payer_year_status"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_reward_product"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_reward_producer"
        `);
    await queryRunner.query(`
            DROP TABLE "promotion"."reward"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_listing_product_status"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_listing_province"
        `);
    await queryRunner.query(`
            DROP TABLE "promotion"."listing"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_enrolment_product_status"
        `);
    await queryRunner.query(`
            DROP TABLE "promotion"."enrolment"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_promotion_event_province_start"
        `);
    await queryRunner.query(`
            DROP TABLE "promotion"."promotion_event"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_certificate_product"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_certificate_province_status"
        `);
    await queryRunner.query(`
            DROP INDEX "promotion"."ix_certificate_producer"
        `);
    await queryRunner.query(`
            DROP TABLE "promotion"."certificate"
        `);
    await dropChangeRecordTable(queryRunner, 'promotion');
  }
}
