import { RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from 'nats';
import { streamOf, type ServiceName } from '@ocop/contracts';

/** How long JetStream remembers a `Nats-Msg-Id` to drop a duplicate publish. */
const DUPLICATE_WINDOW_NS = 10 * 60 * 1_000_000_000;

/**
 * Creates the stream holding a service's events, or brings its configuration up to date. Safe to run
 * at every start of every replica.
 */
export async function ensureServiceStream(jsm: JetStreamManager, service: ServiceName): Promise<StreamConfig> {
  const { name, subjects } = streamOf(service);
  const wanted: Partial<StreamConfig> = {
    name,
    subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: DUPLICATE_WINDOW_NS,
  };
  try {
    const info = await jsm.streams.info(name);
    const current = info.config;
    const same = current.subjects.join(',') === subjects.join(',') && current.duplicate_window === DUPLICATE_WINDOW_NS;
    if (same) return current;
    return (await jsm.streams.update(name, { ...current, ...wanted })).config;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    try {
      return (await jsm.streams.add(wanted)).config;
    } catch (addError) {
      // Another replica created it between our look-up and add.
      if (String(addError).includes('already in use')) return (await jsm.streams.info(name)).config;
      throw addError;
    }
  }
}

export function isNotFound(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /not found/i.test(text);
}
