/**
 * Every domain event travels in this envelope. `id` is the outbox row id: JetStream uses it as
 * `Nats-Msg-Id` to drop duplicate publishes, and consumers keep it in their inbox to handle it once.
 */
export interface EventEnvelope<TData = unknown> {
  id: string;
  subject: string;
  /** Schema version of `data`, equal to the subject's `.vN` suffix. */
  version: number;
  /** Service that wrote the event. */
  source: string;
  occurredAt: string;
  data: TData;
}

/** A subject and its payload type, declared once and used by publishers and consumers alike. */
export interface EventContract<TData> {
  readonly subject: string;
  readonly version: number;
  /** Phantom field carrying the payload type; never set at run time. */
  readonly _data?: TData;
}

export function defineEvent<TData>(subject: string): EventContract<TData> {
  const match = /\.v(\d+)$/.exec(subject);
  if (!match || !subject.startsWith('ocop.')) {
    throw new Error(`Event subject must look like ocop.<service>.<aggregate>.<event>.v<N>: ${subject}`);
  }
  return { subject, version: Number(match[1]) };
}

export type EventData<C> = C extends EventContract<infer D> ? D : never;
