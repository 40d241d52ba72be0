import { Module } from '@nestjs/common';
import { ObligationController } from './obligation.controller';
import { ObligationService } from './obligation.service';

@Module({ controllers: [ObligationController], providers: [ObligationService] })
export class ObligationModule {}
