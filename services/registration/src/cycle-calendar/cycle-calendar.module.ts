import { Module } from '@nestjs/common';
import { AdminUnitModule } from '../admin-unit/admin-unit.module';
import { CycleCalendarController } from './cycle-calendar.controller';
import { CycleCalendarService } from './cycle-calendar.service';

@Module({
  imports: [AdminUnitModule],
  controllers: [CycleCalendarController],
  providers: [CycleCalendarService],
  exports: [CycleCalendarService],
})
export class CycleCalendarModule {}
