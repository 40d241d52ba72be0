import 'reflect-metadata';
import { runMigrationCli } from '@ocop/persistence';
import { registrationDataSource } from './database/data-source';
import { REGISTRATION } from './service-identity';

void runMigrationCli(registrationDataSource, REGISTRATION.schema);
