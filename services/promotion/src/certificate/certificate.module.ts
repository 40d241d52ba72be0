import { Module } from '@nestjs/common';
import { RewardModule } from '../reward/reward.module';
import { CERTIFICATE_FOLLOWERS } from './certificate-events.handlers';
import { CertificateRecordController } from './certificate.controller';
import { CertificateRecordService } from './certificate-record.service';
import { ProductPromotionService } from './product-promotion.service';
import { SuspensionService } from './suspension.service';

@Module({
  imports: [RewardModule],
  controllers: [CertificateRecordController],
  providers: [CertificateRecordService, ProductPromotionService, SuspensionService, ...CERTIFICATE_FOLLOWERS],
  exports: [CertificateRecordService],
})
export class CertificateModule {}
