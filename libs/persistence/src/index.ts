export * from './data-source-options';
export * from './inbox-event.entity';
export * from './outbox-event.entity';
export * from './schema';
export * from './snake-naming.strategy';
export * from './migration-cli';
export * from './messaging-tables';
export * from './recorded.entity';
