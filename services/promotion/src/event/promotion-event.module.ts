import { Module } from '@nestjs/common';
import { CertificateModule } from '../certificate/certificate.module';
import { PromotionEventController } from './promotion-event.controller';
import { PromotionEventService } from './promotion-event.service';

@Module({
  imports: [CertificateModule],
  controllers: [PromotionEventController],
  providers: [PromotionEventService],
})
export class PromotionEventModule {}
