import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { CurrentUser, Public, Roles, type AuthUser, type Page } from '@ocop/nest-common';
import { ORGANISERS, ROUND_READERS } from '../round/round.controller';
import { DecisionView } from '../decision/dto/decision.view';
import { CertificateRegisterService } from './certificate-register.service';
import { CertificateService } from './certificate.service';
import { RecordRegisterDto } from './dto/certificate-register.dto';
import { CertificateQuery, RevokeCertificateDto } from './dto/certificate.dto';
import { CertificateView, PublicCertificateView } from './dto/certificate.view';

const READERS = [...ROUND_READERS, 'promotion_officer', 'commune_officer'] as const;

class CertificatePageView {
  items!: CertificateView[];
  total!: number;
  limit!: number;
  offset!: number;
}

class RecordedRegisterView {
  @ApiProperty({ type: DecisionView }) decision!: DecisionView;
  @ApiProperty({ type: [CertificateView] }) certificates!: CertificateView[];
}

@ApiTags('certificates')
@Controller('certificates')
export class CertificateController {
  constructor(
    private readonly certificates: CertificateService,
    private readonly register: CertificateRegisterService,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Certificates of a province: by status (expiring = within the notice period), expiry, product',
  })
  @ApiOkResponse({ type: CertificatePageView })
  async list(@CurrentUser() user: AuthUser, @Query() query: CertificateQuery): Promise<Page<CertificateView>> {
    const page = await this.certificates.list(user, query);
    return { ...page, items: page.items.map((item) => this.view(item)) };
  }

  @Get(':certificateId')
  @Roles(...READERS)
  @ApiOkResponse({ type: CertificateView })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('certificateId', new ParseUUIDPipe()) certificateId: string,
  ): Promise<CertificateView> {
    return this.view(await this.certificates.get(user, certificateId));
  }

  @Get(':certificateId/pdf')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The certificate as a PDF in Vietnamese, with a QR code that opens public verification' })
  async pdf(
    @CurrentUser() user: AuthUser,
    @Param('certificateId', new ParseUUIDPipe()) certificateId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { certificate, pdf } = await this.certificates.pdf(user, certificateId);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `inline; filename="${certificate.number}.pdf"`);
    return new StreamableFile(pdf);
  }

  @Post('register')
  @Roles(...ORGANISERS)
  @ApiOperation({
    summary:
      "Record certificates issued before the platform, from the province's register: one recognition decision, all or nothing",
    description:
      'Each product must be registered and not yet in the cycle (stage idea). Registration then shows it certified ' +
      '(expired at once if its validity is past), and it may be re-evaluated or upgraded.',
  })
  @ApiCreatedResponse({ type: RecordedRegisterView })
  async recordRegister(@CurrentUser() user: AuthUser, @Body() dto: RecordRegisterDto): Promise<RecordedRegisterView> {
    const { decision, certificates } = await this.register.record(user, dto);
    return { decision: DecisionView.of(decision), certificates: certificates.map((item) => this.view(item)) };
  }

  @Post(':certificateId/revocation')
  @HttpCode(200)
  @Roles(...ORGANISERS)
  @ApiOperation({ summary: 'Revoke (thu hồi) by a decision, for one of the reasons of the regulation' })
  @ApiOkResponse({ type: CertificateView })
  async revoke(
    @CurrentUser() user: AuthUser,
    @Param('certificateId', new ParseUUIDPipe()) certificateId: string,
    @Body() dto: RevokeCertificateDto,
  ): Promise<CertificateView> {
    return this.view(await this.certificates.revoke(user, certificateId, dto));
  }

  private view(certificate: Parameters<CertificateService['statusOf']>[0]): CertificateView {
    return CertificateView.of(
      certificate,
      this.certificates.statusOf(certificate),
      this.certificates.verifyUrl(certificate),
    );
  }
}

/** What a certificate's QR code opens: anyone may check a certificate (OCOP.md §5.5), rate-limited per address. */
@ApiTags('public')
@Controller('public/certificates')
@UseGuards(ThrottlerGuard)
export class PublicCertificateController {
  constructor(private readonly certificates: CertificateService) {}

  @Get(':number')
  @Public()
  @ApiParam({ name: 'number', example: 'OCOP-213-2024-0007' })
  @ApiOperation({
    summary: 'Check a certificate by its number (no login): product, producer, stars, issuer, dates, status',
  })
  @ApiOkResponse({ type: PublicCertificateView })
  @ApiTooManyRequestsResponse({
    description: 'Too many lookups from this address; retry after the Retry-After seconds',
  })
  async verify(@Param('number') number: string): Promise<PublicCertificateView> {
    const certificate = await this.certificates.byNumber(number.slice(0, 64));
    return PublicCertificateView.of(certificate, this.certificates.statusOf(certificate));
  }
}
