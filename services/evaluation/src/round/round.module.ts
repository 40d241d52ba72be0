import { Module } from '@nestjs/common';
import { CriteriaSetModule } from '../criteria-set/criteria-set.module';
import { RegulationModule } from '../regulation/regulation.module';
import { RankingService } from './ranking.service';
import { ROUND_EVENT_HANDLERS } from './round-events.handlers';
import { RoundPhaseService } from './round-phase.service';
import { RoundController } from './round.controller';
import { RoundService } from './round.service';

@Module({
  imports: [RegulationModule, CriteriaSetModule],
  controllers: [RoundController],
  providers: [RoundService, RankingService, RoundPhaseService, ...ROUND_EVENT_HANDLERS],
  exports: [RoundService, RankingService, RoundPhaseService],
})
export class RoundModule {}
