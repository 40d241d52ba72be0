import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readAdminUnitMapping, readAdminUnits } from '../../admin-unit/admin-unit.csv';

const CHUNK = 2_000;

/** Loads both eras of administrative units and the legacy → 2025 mapping from the files in data/. */
export class LoadAdminUnits1795380700000 implements MigrationInterface {
  name = 'LoadAdminUnits1795380700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const units = readAdminUnits();
    for (let i = 0; i < units.length; i += CHUNK) {
      const chunk = units.slice(i, i + CHUNK);
      await queryRunner.query(
        `INSERT INTO "registration"."admin_unit" (era, code, name, level, kind, parent_code, ancestors, valid_from, valid_to)
         SELECT u.era, u.code, u.name, u.level, u.kind, u.parent_code, string_to_array(u.ancestors, ','), u.valid_from::date, u.valid_to::date
           FROM jsonb_to_recordset($1::jsonb) AS u(era text, code text, name text, level text, kind text, parent_code text,
                ancestors text, valid_from text, valid_to text)`,
        [
          JSON.stringify(
            chunk.map((unit) => ({
              era: unit.era,
              code: unit.code,
              name: unit.name,
              level: unit.level,
              kind: unit.kind,
              parent_code: unit.parentCode,
              ancestors: unit.ancestors.join(','),
              valid_from: unit.validFrom,
              valid_to: unit.validTo,
            })),
          ),
        ],
      );
    }
    const mapping = readAdminUnitMapping();
    for (let i = 0; i < mapping.length; i += CHUNK) {
      await queryRunner.query(
        `INSERT INTO "registration"."admin_unit_mapping" (legacy_code, legacy_level, new_code, new_level, note)
         SELECT m.legacy_code, m.legacy_level, m.new_code, m.new_level, m.note
           FROM jsonb_to_recordset($1::jsonb) AS m(legacy_code text, legacy_level text, new_code text, new_level text, note text)`,
        [
          JSON.stringify(
            mapping.slice(i, i + CHUNK).map((row) => ({
              legacy_code: row.legacyCode,
              legacy_level: row.legacyLevel,
              new_code: row.newCode,
              new_level: row.newLevel,
              note: row.note,
            })),
          ),
        ],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "registration"."admin_unit_mapping"`);
    await queryRunner.query(`DELETE FROM "registration"."admin_unit"`);
  }
}
