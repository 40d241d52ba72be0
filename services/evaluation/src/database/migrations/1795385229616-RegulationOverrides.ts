import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegulationOverrides1795385229616 implements MigrationInterface {
  name = 'RegulationOverrides1795385229616';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "evaluation"."regulation_override" (
                "province_code" text NOT NULL,
                "effective_from" date NOT NULL,
                "version_code" text NOT NULL,
                "reason" text NOT NULL,
                "set_by" text NOT NULL,
                "set_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6f6b54690cca39e53ecb1be561d" PRIMARY KEY ("province_code", "effective_from")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "evaluation"."regulation_override"
        `);
  }
}
