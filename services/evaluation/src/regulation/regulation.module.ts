import { Module } from '@nestjs/common';
import { RegulationController } from './regulation.controller';
import { RegulationCatalog } from './regulation.catalog';
import { RegulationService } from './regulation.service';

@Module({
  controllers: [RegulationController],
  providers: [RegulationCatalog, RegulationService],
  exports: [RegulationCatalog, RegulationService],
})
export class RegulationModule {}
