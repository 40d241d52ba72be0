import { Module } from '@nestjs/common';
import { CriteriaSetModule } from '../criteria-set/criteria-set.module';
import { RegulationModule } from '../regulation/regulation.module';
import { RankingService } from './ranking.service';
import { RoundController } from './round.controller';
import { RoundService } from './round.service';

@Module({
  imports: [RegulationModule, CriteriaSetModule],
  controllers: [RoundController],
  providers: [RoundService, RankingService],
  exports: [RoundService, RankingService],
})
export class RoundModule {}
