import { ApiProperty } from '@nestjs/swagger';
import type { CycleCalendarStep, IntakeWindow, IntakeWindowState } from '@ocop/contracts';
import type { CycleEntity } from '../cycle.entity';
import { CycleStepDto } from './cycle.dto';

export class CycleView {
  @ApiProperty({ example: '24' }) unitCode!: string;
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ example: '24' }) provinceCode!: string;
  @ApiProperty({ type: [CycleStepDto] }) steps!: CycleCalendarStep[];
  @ApiProperty({ example: [7, 1] }) reminderDays!: number[];
  @ApiProperty({ example: { ideas: 'open', plans: 'scheduled' }, description: 'scheduled, open or closed' })
  windows!: Record<IntakeWindow, IntakeWindowState>;
  @ApiProperty() source!: string;
  @ApiProperty({ example: 'cycle-24-2027' }) workflowId!: string;

  static of(cycle: CycleEntity): CycleView {
    return {
      unitCode: cycle.unitCode,
      year: cycle.year,
      provinceCode: cycle.provinceCode,
      steps: cycle.steps,
      reminderDays: cycle.reminderDays,
      windows: cycle.windows,
      source: cycle.source,
      workflowId: cycle.workflowId,
    };
  }
}
