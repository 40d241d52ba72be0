import 'reflect-metadata';
import { runMigrationCli } from '@ocop/persistence';
import { reportingDataSource } from './database/data-source';
import { REPORTING } from './service-identity';

void runMigrationCli(reportingDataSource, REPORTING.schema);
