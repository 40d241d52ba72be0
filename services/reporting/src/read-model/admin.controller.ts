import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { ReportingScheduleService, type ScheduleSyncView, type ScheduleView } from '../schedule/schedule.service';
import { ReadModelConsumer, type RebuildStatus } from './read-model.consumer';

/** Operators' actions: rebuild the read models by replaying the streams; the reporting schedules. */
@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class AdminController {
  constructor(
    private readonly consumer: ReadModelConsumer,
    private readonly schedules: ReportingScheduleService,
  ) {}

  @Post('read-models/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Drop the read models, reset reporting’s durable consumers to the start of each stream and replay (answers at once; poll the progress)',
  })
  rebuild(@CurrentUser() user: AuthUser): RebuildStatus {
    return this.consumer.startRebuild(user.id);
  }

  @Get('read-models/rebuild')
  @ApiOperation({ summary: 'The last rebuild: state and events handled per stream' })
  async rebuildStatus(): Promise<RebuildStatus> {
    const status = this.consumer.rebuildStatus();
    return status.state === 'running' ? status : { ...status, ...(await this.consumer.progress()) };
  }

  @Post('schedules/sync')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create or update the Temporal Schedules of the reporting obligations' })
  async syncSchedules(@CurrentUser() user: AuthUser): Promise<ScheduleSyncView[]> {
    return this.schedules.sync(user.id);
  }

  @Get('schedules')
  async listSchedules(): Promise<ScheduleView[]> {
    return this.schedules.list();
  }

  @Post('schedules/:obligationCode/trigger')
  @HttpCode(200)
  @ApiOperation({ summary: "Run an obligation's schedule now" })
  async trigger(
    @CurrentUser() user: AuthUser,
    @Param('obligationCode') obligationCode: string,
  ): Promise<{ scheduleId: string; triggered: true }> {
    return this.schedules.trigger(obligationCode, user.id);
  }
}
