import { MigrationInterface, QueryRunner } from 'typeorm';

export class PhotosCertificatesApplications1795392827074 implements MigrationInterface {
  name = 'PhotosCertificatesApplications1795392827074';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "registration"."product_application" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "product_id" uuid NOT NULL,
                "producer_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "status" text NOT NULL,
                "certificate_id" uuid NOT NULL,
                "certificate_number" text NOT NULL,
                "certificate_valid_until" date NOT NULL,
                "current_stars" integer NOT NULL,
                "target_stars" integer,
                "note" text,
                "province_code" text NOT NULL,
                "commune_code" text NOT NULL,
                "unit_path" text array NOT NULL,
                "filed_by" text NOT NULL,
                "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "round_id" uuid,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "closed_reason" text,
                "closed_by" text,
                "result_certificate_id" uuid,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a4b9fb27a18c2c49cbf98187d1d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_application_filed" ON "registration"."product_application" ("filed_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ux_product_application_active" ON "registration"."product_application" ("product_id")
            WHERE status IN ('open', 'in_round')
        `);
    // The unit filter of the lists (`unit_path @> ARRAY[unit]`), as for products; not expressible in the entity.
    await queryRunner.query(`
            CREATE INDEX "ix_product_application_unit_path" ON "registration"."product_application" USING GIN ("unit_path")
        `);
    await queryRunner.query(`
            CREATE TABLE "registration"."application_document" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "item" text NOT NULL,
                "file_name" text NOT NULL,
                "content_type" text NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" text NOT NULL,
                "storage_key" text NOT NULL,
                "uploaded_by" text NOT NULL,
                "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "superseded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_04f1535a911d17b4c6283de0d10" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_application_document_current" ON "registration"."application_document" ("application_id", "item")
            WHERE superseded_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "registration"."product_certificate" (
                "certificate_id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "number" text NOT NULL,
                "stars" integer NOT NULL,
                "level" text NOT NULL,
                "kind" text NOT NULL,
                "issued_on" date NOT NULL,
                "valid_until" date NOT NULL,
                "status" text NOT NULL,
                "ended_on" date,
                "supersedes" uuid,
                "superseded_by" uuid,
                "notice_kind" text,
                "notice_received_at" TIMESTAMP WITH TIME ZONE,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_02789097b165eb40d010a2a45ee" PRIMARY KEY ("certificate_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_certificate_product" ON "registration"."product_certificate" ("product_id", "issued_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "registration"."product_photo" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "product_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "caption" text,
                "file_name" text NOT NULL,
                "content_type" text NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" text NOT NULL,
                "storage_key" text NOT NULL,
                "uploaded_by" text NOT NULL,
                "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "deleted_by" text,
                CONSTRAINT "PK_6c701613676cfa922e429eb1bae" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_photo_current" ON "registration"."product_photo" ("product_id", "position")
            WHERE deleted_at IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "registration"."ix_product_photo_current"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."product_photo"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_product_certificate_product"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."product_certificate"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_application_document_current"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."application_document"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_product_application_unit_path"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ux_product_application_active"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_product_application_filed"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."product_application"
        `);
  }
}
