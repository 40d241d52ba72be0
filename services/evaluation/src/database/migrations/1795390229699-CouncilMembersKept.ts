import { MigrationInterface, QueryRunner } from 'typeorm';

export class CouncilMembersKept1795390229699 implements MigrationInterface {
  name = 'CouncilMembersKept1795390229699';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "evaluation"."council_member"
            ADD "active" boolean NOT NULL DEFAULT true
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "evaluation"."council_member" DROP COLUMN "active"
        `);
  }
}
