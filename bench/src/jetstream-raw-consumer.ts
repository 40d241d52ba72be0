/**
 * The baseline of `npm run bench -- reporting-national`: a plain durable JetStream pull consumer in a process
 * of its own (as reporting's consumer is), with the same consumer settings as libs/messaging's EventConsumer
 * (explicit ack, deliver all, ack wait 30 s, at most 1,000 unacknowledged, `consume` pulling 256 at a time)
 * and nothing else: each message is acknowledged as it arrives, no decoding, no database. Forked by
 * bench/src/reporting-bench.ts, which publishes and measures; stopped with a `stop` message (Node IPC).
 *
 *   node bench/dist/jetstream-raw-consumer.js NATS_URL STREAM DURABLE
 */
import { AckPolicy, connect, DeliverPolicy, type ConsumerMessages } from 'nats';

export type RawConsumerMessage = { type: 'ready'; pid: number } | { type: 'stopped'; acked: number };

const NS_PER_MS = 1_000_000;
const [url, stream, durable] = process.argv.slice(2);

async function main(): Promise<void> {
  if (!url || !stream || !durable) throw new Error('usage: jetstream-raw-consumer.js NATS_URL STREAM DURABLE');
  const nc = await connect({ servers: url, name: 'ocop-bench-raw-consumer' });
  const jsm = await nc.jetstreamManager();
  await jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: 30_000 * NS_PER_MS,
    max_deliver: -1,
    max_ack_pending: 1_000,
  });
  const consumer = await nc.jetstream().consumers.get(stream, durable);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 256 });
  let acked = 0;
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'stop') return;
    void messages
      .close()
      .then(() => nc.drain())
      .finally(() => {
        process.send?.({ type: 'stopped', acked } satisfies RawConsumerMessage);
        process.exit(0);
      });
  });
  process.send?.({ type: 'ready', pid: process.pid } satisfies RawConsumerMessage);
  for await (const message of messages) {
    message.ack();
    acked += 1;
  }
}

main().catch((error: unknown) => {
  console.error(`raw consumer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
