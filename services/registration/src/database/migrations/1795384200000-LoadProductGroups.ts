import type { MigrationInterface, QueryRunner } from 'typeorm';
import { allowedLegalForms, readProductGroups } from '../../product-group/product-group.data';

/** Loads data/product-groups.json: current groups and subgroups, the 2018 groups, legal forms per group. */
export class LoadProductGroups1795384200000 implements MigrationInterface {
  name = 'LoadProductGroups1795384200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const file = readProductGroups();
    const groups = [
      ...file.groups.map((g) => ({
        code: g.code,
        name_vi: g.nameVi,
        name_en: g.nameEn,
        legacy: false,
        maps_to: null,
        maps_to_subgroup: null,
      })),
      ...file.legacyGroups2018.map((g) => ({
        code: g.code,
        name_vi: g.nameVi,
        name_en: g.nameEn,
        legacy: true,
        maps_to: g.mapsTo,
        maps_to_subgroup: g.mapsToSubgroup ?? null,
      })),
    ];
    await queryRunner.query(
      `INSERT INTO "registration"."product_group" (code, name_vi, name_en, legacy, maps_to, maps_to_subgroup)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS g(code text, name_vi text, name_en text, legacy boolean, maps_to text, maps_to_subgroup text)`,
      [JSON.stringify(groups)],
    );
    const subgroups = file.groups.flatMap((g) =>
      g.subgroups.map((s) => ({ code: s.code, group_code: g.code, name_vi: s.nameVi, name_en: s.nameEn })),
    );
    await queryRunner.query(
      `INSERT INTO "registration"."product_subgroup" (code, group_code, name_vi, name_en)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS s(code text, group_code text, name_vi text, name_en text)`,
      [JSON.stringify(subgroups)],
    );
    await queryRunner.query(
      `INSERT INTO "registration"."product_group_legal_form" (group_code, legal_form)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS f(group_code text, legal_form text)`,
      [JSON.stringify(allowedLegalForms(file).map((f) => ({ group_code: f.groupCode, legal_form: f.legalForm })))],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "registration"."product_group_legal_form"`);
    await queryRunner.query(`DELETE FROM "registration"."product_subgroup"`);
    await queryRunner.query(`DELETE FROM "registration"."product_group"`);
  }
}
