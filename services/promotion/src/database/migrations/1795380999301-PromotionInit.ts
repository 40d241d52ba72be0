import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@ocop/persistence';

export class PromotionInit1795380999301 implements MigrationInterface {
  name = 'PromotionInit1795380999301';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, 'promotion');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner, 'promotion');
  }
}
