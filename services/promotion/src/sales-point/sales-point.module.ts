import { Module } from '@nestjs/common';
import { CertificateModule } from '../certificate/certificate.module';
import { SalesPointController } from './sales-point.controller';
import { SalesPointService } from './sales-point.service';

@Module({
  imports: [CertificateModule],
  controllers: [SalesPointController],
  providers: [SalesPointService],
})
export class SalesPointModule {}
