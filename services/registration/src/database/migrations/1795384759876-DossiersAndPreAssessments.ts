import { MigrationInterface, QueryRunner } from 'typeorm';

export class DossiersAndPreAssessments1795384759876 implements MigrationInterface {
  name = 'DossiersAndPreAssessments1795384759876';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "registration"."dossier" (
                "product_id" uuid NOT NULL,
                "opened_by" text NOT NULL,
                "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "samples_received_at" TIMESTAMP WITH TIME ZONE,
                "samples_received_by" text,
                CONSTRAINT "PK_379b4d57f07b1b2242d75f9b39f" PRIMARY KEY ("product_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "registration"."dossier_document" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "product_id" uuid NOT NULL,
                "item" text NOT NULL,
                "file_name" text NOT NULL,
                "content_type" text NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" text NOT NULL,
                "storage_key" text NOT NULL,
                "uploaded_by" text NOT NULL,
                "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "superseded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_f2780d3220d9b1faa833cb6386c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_dossier_document_current" ON "registration"."dossier_document" ("product_id", "item")
            WHERE superseded_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "registration"."pre_assessment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "product_id" uuid NOT NULL,
                "criteria" jsonb NOT NULL,
                "passed" boolean NOT NULL,
                "officer_name" text NOT NULL,
                "assessed_by" text NOT NULL,
                "commune_code" text NOT NULL,
                "assessed_on" date NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9ddfdb6d7615cbfcb836bb075fa" PRIMARY KEY ("id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "registration"."pre_assessment"
        `);
    await queryRunner.query(`
            DROP INDEX "registration"."ix_dossier_document_current"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."dossier_document"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."dossier"
        `);
  }
}
