import { Module } from '@nestjs/common';
import { CriteriaSetModule } from '../criteria-set/criteria-set.module';
import { RoundModule } from '../round/round.module';
import { ScorecardController } from './scorecard.controller';
import { ScorecardService } from './scorecard.service';

@Module({
  imports: [RoundModule, CriteriaSetModule],
  controllers: [ScorecardController],
  providers: [ScorecardService],
})
export class ScorecardModule {}
