import { MigrationInterface, QueryRunner } from 'typeorm';

export class Councils1795385422779 implements MigrationInterface {
  name = 'Councils1795385422779';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "evaluation"."council" (
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "level" text NOT NULL,
                "unit_code" text NOT NULL,
                "province_code" text NOT NULL,
                "term_start" date NOT NULL,
                "term_end" date,
                "quorum_min_share" real NOT NULL DEFAULT '0.75',
                "quorum_chair_required" boolean NOT NULL DEFAULT true,
                CONSTRAINT "PK_1749decabf3d8cf2edc4385c557" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_council_province_level" ON "evaluation"."council" ("province_code", "level")
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation"."council_member" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "council_id" uuid NOT NULL,
                "full_name" text NOT NULL,
                "organisation" text NOT NULL,
                "role" text NOT NULL,
                "user_id" text,
                CONSTRAINT "PK_6620361345f37130c3960fd80e8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_council_member_user" ON "evaluation"."council_member" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_council_member_council" ON "evaluation"."council_member" ("council_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluation"."council_member"
            ADD CONSTRAINT "FK_fd0574b297204dc512f17cfb07c" FOREIGN KEY ("council_id") REFERENCES "evaluation"."council"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "evaluation"."council_member" DROP CONSTRAINT "FK_fd0574b297204dc512f17cfb07c"
        `);
    await queryRunner.query(`
            DROP INDEX "evaluation"."ix_council_member_council"
        `);
    await queryRunner.query(`
            DROP INDEX "evaluation"."ix_council_member_user"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation"."council_member"
        `);
    await queryRunner.query(`
            DROP INDEX "evaluation"."ix_council_province_level"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation"."council"
        `);
  }
}
