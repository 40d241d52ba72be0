import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  addChangeRecordScope,
  createChangeRecordTable,
  dropChangeRecordScope,
  dropChangeRecordTable,
} from '@ocop/persistence';

/**
 * Registration's audit log: the append-only `change_record` every service keeps. A producer's history
 * (`producer_change`) moves into it, one row per version in order (`registered`, then `updated`), the version
 * kept as a change of the `version` field; the table it came from is dropped, so nothing is written twice.
 */
export class ChangeRecords1795399900000 implements MigrationInterface {
  name = 'ChangeRecords1795399900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await createChangeRecordTable(queryRunner, 'registration');
    await addChangeRecordScope(queryRunner, 'registration');
    await queryRunner.query(`
            INSERT INTO "registration"."change_record"
                   (entity_type, entity_id, action, changes, changed_by, unit_code, province_code, changed_at)
            SELECT 'producer', h.producer_id::text, CASE WHEN h.version = 1 THEN 'registered' ELSE 'updated' END,
                   h.changes || jsonb_build_object('version',
                     jsonb_build_array(CASE WHEN h.version = 1 THEN NULL ELSE h.version - 1 END, h.version)),
                   h.changed_by, p.commune_code, p.province_code, h.changed_at
              FROM "registration"."producer_change" h
              JOIN "registration"."producer" p ON p.id = h.producer_id
             ORDER BY h.changed_at, h.producer_id, h.version
        `);
    await queryRunner.query(`DROP TABLE "registration"."producer_change"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "registration"."producer_change" (
                "producer_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "changes" jsonb NOT NULL,
                "changed_by" text NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e05b6c877d161ca9480ccd5917e" PRIMARY KEY ("producer_id", "version")
            )
        `);
    await queryRunner.query(`
            INSERT INTO "registration"."producer_change" (producer_id, version, changes, changed_by, changed_at)
            SELECT c.entity_id::uuid, (c.changes -> 'version' ->> 1)::int, c.changes - 'version', c.changed_by, c.changed_at
              FROM "registration"."change_record" c
             WHERE c.entity_type = 'producer' AND c.action IN ('registered', 'updated')
        `);
    await dropChangeRecordScope(queryRunner, 'registration');
    await dropChangeRecordTable(queryRunner, 'registration');
  }
}
