import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addChangeRecordScope, dropChangeRecordScope } from '@ocop/persistence';

/**
 * Each change record's province and the audit log's indexes. Reports were recorded with their own unit (a
 * commune, a province or VN): the province comes from the 2025 units loaded before this migration.
 */
export class AuditLogScope1795399900000 implements MigrationInterface {
  name = 'AuditLogScope1795399900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await addChangeRecordScope(
      queryRunner,
      'reporting',
      `COALESCE((SELECT u.province_code FROM "reporting"."report_unit" u WHERE u.code = c.unit_code), c.unit_code)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropChangeRecordScope(queryRunner, 'reporting');
  }
}
