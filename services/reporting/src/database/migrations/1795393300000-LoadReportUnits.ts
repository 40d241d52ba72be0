import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readUnits } from '../../unit/units.data';

const CHUNK = 2_000;

/** Loads the 2025 units (34 provinces, 3,321 communes) from data/units-2025.csv into report_unit. */
export class LoadReportUnits1795393300000 implements MigrationInterface {
  name = 'LoadReportUnits1795393300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const units = readUnits();
    for (let i = 0; i < units.length; i += CHUNK) {
      await queryRunner.query(
        `INSERT INTO "reporting"."report_unit" (code, name, level, province_code)
         SELECT u.code, u.name, u.level, u.province_code
           FROM jsonb_to_recordset($1::jsonb) AS u(code text, name text, level text, province_code text)`,
        [
          JSON.stringify(
            units.slice(i, i + CHUNK).map((unit) => ({
              code: unit.code,
              name: unit.name,
              level: unit.level,
              province_code: unit.provinceCode,
            })),
          ),
        ],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "reporting"."report_unit"`);
  }
}
