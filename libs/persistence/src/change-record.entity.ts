import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  type EntityManager,
  type QueryRunner,
} from 'typeorm';
import type { FieldChanges, JsonValue } from './recorded.entity';

/**
 * One change to a business record: who, when, in which unit, what (old → new). Append-only: rows are
 * inserted with the change they describe, in the same transaction, and never updated or deleted.
 */
@Entity({ name: 'change_record' })
@Index('ix_change_record_entity', ['entityType', 'entityId', 'changedAt'])
@Index('ix_change_record_actor', ['changedBy', 'changedAt'])
@Index('ix_change_record_province', ['provinceCode', 'changedAt'])
@Index('ix_change_record_unit', ['unitCode', 'changedAt'])
@Index('ix_change_record_time', ['changedAt'])
export class ChangeRecordEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  /** e.g. `scorecard`, `decision`, `certificate`. */
  @Column('text')
  entityType!: string;

  @Column('text')
  entityId!: string;

  /** What happened, e.g. `submitted`, `reopened`, `revoked`; `exported` and `downloaded` for files served. */
  @Column('text')
  action!: string;

  /** `{ field: [old, new] }`; old values are null for a record's creation. */
  @Column('jsonb')
  changes!: FieldChanges;

  /** The `sub` of the user (or `system:<service>` for timers and events). */
  @Column('text')
  changedBy!: string;

  /** The administrative unit the record belongs to, for scoping audits (`VN` for the country's own records). */
  @Column({ type: 'text', nullable: true })
  unitCode!: string | null;

  /**
   * The province the unit lies in (the unit itself for a province, `VN` for the country): what an audit of a
   * province's subtree filters on, since a commune's code says nothing of its province.
   */
  @Column({ type: 'text', nullable: true })
  provinceCode!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt!: Date;
}

export interface ChangeInput {
  entityType: string;
  entityId: string;
  action: string;
  changes: FieldChanges;
  changedBy: string;
  unitCode?: string | null;
  /** The unit's province; defaults to `unitCode`, so it must be given whenever the unit is below a province. */
  provinceCode?: string | null;
}

/**
 * Appends change records inside the caller's transaction (plain SQL: TypeORM's insert typing cannot follow
 * the recursive JSON type of `changes`).
 */
export async function recordChanges(manager: EntityManager, inputs: ChangeInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const table = manager.getRepository(ChangeRecordEntity).metadata.tablePath;
  const values: (string | null)[] = [];
  const rows = inputs.map((input) => {
    values.push(input.entityType, input.entityId, input.action, JSON.stringify(input.changes), input.changedBy);
    values.push(input.unitCode ?? null, input.provinceCode ?? input.unitCode ?? null);
    const base = values.length - 7;
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}::jsonb, $${base + 5}, $${base + 6}, $${base + 7})`;
  });
  await manager.query(
    `INSERT INTO ${table} (entity_type, entity_id, action, changes, changed_by, unit_code, province_code)
     VALUES ${rows.join(', ')}`,
    values,
  );
}

/** `{ field: [old, new] }` for the fields whose values differ (compared as JSON). */
export function diffFields<T extends object>(
  before: Partial<T> | null,
  after: Partial<T>,
  fields: (keyof T & string)[],
): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of fields) {
    const old = (before?.[field] ?? null) as JsonValue;
    const next = (after[field] ?? null) as JsonValue;
    if (JSON.stringify(old) !== JSON.stringify(next)) changes[field] = [old, next];
  }
  return changes;
}

/**
 * Makes a table append-only in the database itself: UPDATE, DELETE and TRUNCATE raise an error, whoever
 * connects. Called by the migration that creates the table.
 */
export async function makeAppendOnly(queryRunner: QueryRunner, schema: string, table: string): Promise<void> {
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION "${schema}"."refuse_change_${table}"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '${schema}.${table} is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await queryRunner.query(`
    CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${schema}"."${table}"
    FOR EACH ROW EXECUTE FUNCTION "${schema}"."refuse_change_${table}"()`);
  await queryRunner.query(`
    CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${schema}"."${table}"
    FOR EACH STATEMENT EXECUTE FUNCTION "${schema}"."refuse_change_${table}"()`);
}

export async function dropAppendOnly(queryRunner: QueryRunner, schema: string, table: string): Promise<void> {
  await queryRunner.query(`DROP TRIGGER IF EXISTS "${table}_no_truncate" ON "${schema}"."${table}"`);
  await queryRunner.query(`DROP TRIGGER IF EXISTS "${table}_append_only" ON "${schema}"."${table}"`);
  await queryRunner.query(`DROP FUNCTION IF EXISTS "${schema}"."refuse_change_${table}"()`);
}

/**
 * The change-record table in a service's schema as first shipped, append-only, with the indexes that query it
 * by record and by user. A service's migration calls it once, then `addChangeRecordScope` (migrations already
 * applied ran this shape, so it never changes); the migration drift test checks the result against the entity.
 */
export async function createChangeRecordTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}"."change_record" (
      "id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,
      "entity_type" text NOT NULL,
      "entity_id" text NOT NULL,
      "action" text NOT NULL,
      "changes" jsonb NOT NULL,
      "changed_by" text NOT NULL,
      "unit_code" text,
      "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_44fec7524fb3068db1a08dfd85b" PRIMARY KEY ("id")
    )`);
  await queryRunner.query(
    `CREATE INDEX "ix_change_record_actor" ON "${schema}"."change_record" ("changed_by", "changed_at")`,
  );
  await queryRunner.query(
    `CREATE INDEX "ix_change_record_entity" ON "${schema}"."change_record" ("entity_type", "entity_id", "changed_at")`,
  );
  await makeAppendOnly(queryRunner, schema, 'change_record');
}

export async function dropChangeRecordTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await dropAppendOnly(queryRunner, schema, 'change_record');
  await queryRunner.query(`DROP TABLE "${schema}"."change_record"`);
}

/**
 * The second shape of the change-record table: each row's province, and the indexes the audit log pages with
 * newest first (by province, by unit, over everything). Existing rows get their province from `provinceOf`, an
 * SQL expression over the row `c` (default: the unit, which is right where every writer recorded a province);
 * the append-only trigger is lifted for that one statement, inside the migration's transaction.
 */
export async function addChangeRecordScope(
  queryRunner: QueryRunner,
  schema: string,
  provinceOf = 'c.unit_code',
): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${schema}"."change_record" ADD "province_code" text`);
  await queryRunner.query(`ALTER TABLE "${schema}"."change_record" DISABLE TRIGGER "change_record_append_only"`);
  await queryRunner.query(
    `UPDATE "${schema}"."change_record" AS c SET province_code = ${provinceOf} WHERE c.unit_code IS NOT NULL`,
  );
  await queryRunner.query(`ALTER TABLE "${schema}"."change_record" ENABLE TRIGGER "change_record_append_only"`);
  await queryRunner.query(
    `CREATE INDEX "ix_change_record_province" ON "${schema}"."change_record" ("province_code", "changed_at")`,
  );
  await queryRunner.query(
    `CREATE INDEX "ix_change_record_unit" ON "${schema}"."change_record" ("unit_code", "changed_at")`,
  );
  await queryRunner.query(`CREATE INDEX "ix_change_record_time" ON "${schema}"."change_record" ("changed_at")`);
}

export async function dropChangeRecordScope(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP INDEX "${schema}"."ix_change_record_time"`);
  await queryRunner.query(`DROP INDEX "${schema}"."ix_change_record_unit"`);
  await queryRunner.query(`DROP INDEX "${schema}"."ix_change_record_province"`);
  await queryRunner.query(`ALTER TABLE "${schema}"."change_record" DROP COLUMN "province_code"`);
}
