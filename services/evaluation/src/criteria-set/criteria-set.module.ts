import { Module } from '@nestjs/common';
import { RegulationModule } from '../regulation/regulation.module';
import { CriteriaSetController } from './criteria-set.controller';
import { CriteriaSetService } from './criteria-set.service';

@Module({
  imports: [RegulationModule],
  controllers: [CriteriaSetController],
  providers: [CriteriaSetService],
  exports: [CriteriaSetService],
})
export class CriteriaSetModule {}
