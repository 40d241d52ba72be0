import 'reflect-metadata';
import { runMigrationCli } from '@ocop/persistence';
import { evaluationDataSource } from './database/data-source';
import { EVALUATION } from './service-identity';

void runMigrationCli(evaluationDataSource, EVALUATION.schema);
