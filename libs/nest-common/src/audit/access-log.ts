import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordChanges, type FieldChanges, type JsonValue } from '@ocop/persistence';
import type { AuthUser } from '../auth/auth-user';
import { JurisdictionService } from '../auth/jurisdiction';

export type AccessAction = 'exported' | 'downloaded';

/** What a user was given: one record's file, or a list or report as a file. */
export interface AccessTarget {
  /** The record's type (`dossier_document`, `certificate`), or what a list holds (`producer`, `reward`). */
  entityType: string;
  /** The record's id, or what names the export (a report's unit and period, a list's file name). */
  entityId: string;
  /** The unit the record or the list belongs to: whose audit log shows the access. */
  unitCode: string;
  /** Its province when the caller has it; otherwise looked up from the unit. */
  provinceCode?: string;
  /**
   * The request's parameters (a list's filters, the format), kept as `{ name: [null, value] }`. Paging
   * (`limit`, `offset`) is left out: an export holds every row.
   */
  params?: object;
}

const PAGING = new Set(['limit', 'offset']);

/**
 * The one place every export and download is logged: a row of the service's audit log (`change_record`,
 * action `exported` or `downloaded`) by the user, in the record's unit. Called once the request has passed its
 * checks and before the first byte of the file is sent, and committed then: a file that could not be logged
 * is not served, and a refused request logs nothing.
 */
@Injectable()
export class AccessLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
  ) {}

  exported(user: AuthUser, target: AccessTarget): Promise<void> {
    return this.record(user, 'exported', target);
  }

  /** `opened`: the file's stream, already opened, closed again when the download cannot be logged. */
  async downloaded(user: AuthUser, target: AccessTarget, opened?: { destroy(): unknown }): Promise<void> {
    try {
      await this.record(user, 'downloaded', target);
    } catch (error) {
      opened?.destroy();
      throw error;
    }
  }

  private async record(user: AuthUser, action: AccessAction, target: AccessTarget): Promise<void> {
    const changes: FieldChanges = {};
    for (const [name, value] of Object.entries(target.params ?? {})) {
      const json = toJson(value);
      if (json !== undefined && !PAGING.has(name)) changes[name] = [null, json];
    }
    const provinceCode =
      target.provinceCode ?? (await this.jurisdiction.provinceOf(target.unitCode)) ?? target.unitCode;
    await recordChanges(this.dataSource.manager, [
      {
        entityType: target.entityType,
        entityId: target.entityId,
        action,
        changes,
        changedBy: user.id,
        unitCode: target.unitCode,
        provinceCode,
      },
    ]);
  }
}

/** A parameter as JSON: strings, numbers, booleans, dates and arrays of them; anything else is left out. */
function toJson(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson).filter((item): item is JsonValue => item !== undefined);
  return undefined;
}
