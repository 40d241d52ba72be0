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
export class ChangeRecordEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  /** e.g. `scorecard`, `decision`, `certificate`. */
  @Column('text')
  entityType!: string;

  @Column('text')
  entityId!: string;

  /** What happened, e.g. `submitted`, `reopened`, `revoked`. */
  @Column('text')
  action!: string;

  /** `{ field: [old, new] }`; old values are null for a record's creation. */
  @Column('jsonb')
  changes!: FieldChanges;

  /** The `sub` of the user (or `system:<service>` for timers and events). */
  @Column('text')
  changedBy!: string;

  /** The administrative unit the record belongs to, for scoping audits. */
  @Column({ type: 'text', nullable: true })
  unitCode!: string | null;

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
    values.push(input.unitCode ?? null);
    const base = values.length - 6;
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}::jsonb, $${base + 5}, $${base + 6})`;
  });
  await manager.query(
    `INSERT INTO ${table} (entity_type, entity_id, action, changes, changed_by, unit_code) VALUES ${rows.join(', ')}`,
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
