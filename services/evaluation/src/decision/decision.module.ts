import { Module } from '@nestjs/common';
import { CertificateController, PublicCertificateController } from '../certificate/certificate.controller';
import { CertificateIssuedHandler } from '../certificate/certificate-issued.handler';
import { CertificateRegisterService } from '../certificate/certificate-register.service';
import { CertificateService } from '../certificate/certificate.service';
import { RegulationModule } from '../regulation/regulation.module';
import { RoundModule } from '../round/round.module';
import { DecisionController } from './decision.controller';
import { DecisionService } from './decision.service';

/** Decisions and the certificates they issue or revoke. */
@Module({
  imports: [RoundModule, RegulationModule],
  controllers: [DecisionController, CertificateController, PublicCertificateController],
  providers: [DecisionService, CertificateService, CertificateRegisterService, CertificateIssuedHandler],
  exports: [DecisionService, CertificateService],
})
export class DecisionModule {}
