import 'reflect-metadata';
import { runMigrationCli } from '@ocop/persistence';
import { promotionDataSource } from './database/data-source';
import { PROMOTION } from './service-identity';

void runMigrationCli(promotionDataSource, PROMOTION.schema);
