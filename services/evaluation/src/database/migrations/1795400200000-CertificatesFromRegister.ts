import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Certificates issued before the platform, recorded from a province's register: no round, no platform sequence. */
export class CertificatesFromRegister1795400200000 implements MigrationInterface {
  name = 'CertificatesFromRegister1795400200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluation"."certificate" ADD "source" text NOT NULL DEFAULT 'round'`);
    await queryRunner.query(`ALTER TABLE "evaluation"."certificate" ALTER COLUMN "round_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "evaluation"."certificate" ALTER COLUMN "sequence" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "evaluation"."certificate" WHERE "source" = 'register'`);
    await queryRunner.query(`ALTER TABLE "evaluation"."certificate" ALTER COLUMN "sequence" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "evaluation"."certificate" ALTER COLUMN "round_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "evaluation"."certificate" DROP COLUMN "source"`);
  }
}
