import { connect, type ConnectionOptions, type NatsConnection } from 'nats';

export interface NatsConnectOptions {
  url: string;
  /** Connection name shown in NATS monitoring. */
  name: string;
}

/**
 * Connects and keeps reconnecting for as long as the process lives: a NATS outage must never take a
 * service down, the outbox holds events until the bus is back.
 */
export async function connectNats(options: NatsConnectOptions): Promise<NatsConnection> {
  const connectionOptions: ConnectionOptions = {
    servers: options.url.split(','),
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
    timeout: 5_000,
  };
  return connect(connectionOptions);
}
