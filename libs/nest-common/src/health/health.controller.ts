import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { READINESS_CHECKS, runChecks, type ReadinessCheck } from './readiness';
import { SERVICE_IDENTITY, type ServiceIdentity } from '../service-identity';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'up'; service: string } {
    return { status: 'up', service: this.identity.name };
  }

  @Get(['', 'ready'])
  @ApiOperation({ summary: 'Readiness: the database, NATS and Temporal answer (503 otherwise)' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<unknown> {
    const dependencies = await runChecks(this.checks, 2_000);
    const up = Object.values(dependencies).every((dependency) => dependency.status === 'up');
    response.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'up' : 'down', service: this.identity.name, version: this.identity.version, dependencies };
  }
}
