import { Module } from '@nestjs/common';
import { ReportingCoreModule } from '../core.module';
import { ObligationController } from './obligation.controller';

@Module({ imports: [ReportingCoreModule], controllers: [ObligationController] })
export class ObligationModule {}
