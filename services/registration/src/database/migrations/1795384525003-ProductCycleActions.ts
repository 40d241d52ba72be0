import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProductCycleActions1795384525003 implements MigrationInterface {
  name = 'ProductCycleActions1795384525003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "registration"."business_plan" (
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "product_id" uuid NOT NULL,
                "summary" text NOT NULL,
                "investment_vnd" bigint,
                "annual_capacity" text,
                "target_markets" text,
                "consultant" text,
                CONSTRAINT "PK_5a832474d77a247f66c78a25c3a" PRIMARY KEY ("product_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "registration"."product_selection" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "product_id" uuid NOT NULL,
                "decision" text NOT NULL,
                "reason" text,
                "decided_by" text NOT NULL,
                "decided_by_unit" text NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0bbdde1758c1721f1573be20375" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_product_selection_product" ON "registration"."product_selection" ("product_id", "decided_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "registration"."ix_product_selection_product"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."product_selection"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"."business_plan"
        `);
  }
}
