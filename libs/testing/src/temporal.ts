import { Client, Connection } from '@temporalio/client';
import { ensureNamespace, ensureSearchAttributes } from '@ocop/nest-common';
import { uniqueSuffix } from './tools';

export const TEMPORAL_ADDRESS = process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233';

/** A namespace of its own on the configured Temporal server, with the platform's search attributes. */
export async function createTestNamespace(
  label: string,
): Promise<{ namespace: string; client: Client; close(): Promise<void> }> {
  const namespace = `test-${label}-${uniqueSuffix()}`;
  const connection = await Connection.connect({ address: TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace });
  await ensureNamespace(client, namespace);
  // A new namespace answers describe before its search attributes can be listed; retry briefly.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await ensureSearchAttributes(client, namespace);
      break;
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { namespace, client, close: () => connection.close() };
}
