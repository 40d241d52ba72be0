import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@ocop/persistence';

export class ReportingInit1795381004563 implements MigrationInterface {
  name = 'ReportingInit1795381004563';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, 'reporting');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner, 'reporting');
  }
}
