import { Module } from '@nestjs/common';
import { CertificateModule } from '../certificate/certificate.module';
import { ListingController } from './listing.controller';
import { ListingService } from './listing.service';

@Module({
  imports: [CertificateModule],
  controllers: [ListingController],
  providers: [ListingService],
})
export class ListingModule {}
