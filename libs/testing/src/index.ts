export * from './database';
export * from './nats-server';
export * from './service-process';
export * from './temporal';
export * from './tools';
export * from './http-app';
export * from './postgres-server';
export * from './temporal-server';
