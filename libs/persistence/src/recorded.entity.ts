import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** Who created a record and when it was created and last changed; the base of business entities. */
export abstract class RecordedEntity {
  /** The `sub` of the user whose request created the record. */
  @Column('text')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A value stored in a jsonb column. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Field-level changes of a record: `{ field: [old, new] }`. */
export type FieldChanges = Record<string, [JsonValue, JsonValue]>;
