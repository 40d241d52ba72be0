import { Logger } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { ALL_SEARCH_ATTRIBUTES } from '@ocop/contracts';
import type { ReadinessCheck } from '../health/readiness';

const { IndexedValueType } = temporal.api.enums.v1;

const INDEXED_TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/** A client whose connection is opened on first use, so a service starts while Temporal is still coming up. */
export function createTemporalClient(address: string, namespace: string): Client {
  return new Client({ connection: Connection.lazy({ address }), namespace });
}

/**
 * Registers the platform's search attributes on the namespace when missing (a reused Temporal server
 * may not have them). Idempotent; safe from every replica.
 */
export async function ensureSearchAttributes(client: Client, namespace: string): Promise<string[]> {
  const operator = client.connection.operatorService;
  const known = new Set<string>();
  try {
    const existing = await operator.listSearchAttributes({ namespace });
    for (const name of Object.keys(existing.customAttributes ?? {})) known.add(name);
  } catch (error) {
    // The time-skipping test server can add search attributes but not list them (gRPC 12 UNIMPLEMENTED).
    if ((error as { code?: number }).code !== 12) throw error;
  }
  const missing = ALL_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  const searchAttributes = Object.fromEntries(missing.map((key) => [key.name, INDEXED_TYPES[key.type]!]));
  try {
    await operator.addSearchAttributes({ namespace, searchAttributes });
  } catch (error) {
    if (!/already exists/i.test(String(error))) throw error;
  }
  new Logger('Temporal').log(
    `Registered search attributes on ${namespace}: ${missing.map((key) => key.name).join(', ')}`,
  );
  return missing.map((key) => key.name);
}

/** Creates the namespace if missing (test suites use one namespace each). */
export async function ensureNamespace(client: Client, namespace: string): Promise<void> {
  const service = client.connection.workflowService;
  try {
    await service.describeNamespace({ namespace });
  } catch {
    try {
      await service.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('3 days') });
    } catch (error) {
      if (!/already exists/i.test(String(error))) throw error;
    }
  }
}

export function temporalReadiness(client: Client, namespace: string): ReadinessCheck {
  return {
    name: 'temporal',
    check: async () => {
      await client.connection.workflowService.describeNamespace({ namespace });
    },
  };
}
