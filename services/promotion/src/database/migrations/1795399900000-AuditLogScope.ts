import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addChangeRecordScope, dropChangeRecordScope } from '@ocop/persistence';

/** Each change record's province and the audit log's indexes (every writer so far recorded a province). */
export class AuditLogScope1795399900000 implements MigrationInterface {
  name = 'AuditLogScope1795399900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await addChangeRecordScope(queryRunner, 'promotion');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropChangeRecordScope(queryRunner, 'promotion');
  }
}
