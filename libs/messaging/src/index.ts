export * from './event-consumer';
export * from './nats-connection';
export * from './outbox-relay';
export * from './outbox-writer';
export * from './streams';
