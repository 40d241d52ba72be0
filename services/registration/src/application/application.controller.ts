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
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { contentDisposition, sha256Digest } from '../document-storage/uploaded-file';
import {
  FileApplicationDto,
  ListApplicationsQuery,
  UploadApplicationDocumentDto,
  WithdrawApplicationDto,
} from './dto/application.dto';
import {
  ApplicationDetailView,
  ApplicationDocumentView,
  ApplicationPage,
  ApplicationView,
  ProductCertificateView,
} from './dto/application.views';
import { ApplicationService } from './application.service';

const OFFICERS = ['commune_officer', 'district_officer', 'province_officer', 'ministry_officer'] as const;
const READERS = [...OFFICERS, 'producer', 'auditor', 'council_member', 'council_secretary'] as const;
const uuid = () => new ParseUUIDPipe();

@ApiTags('applications (re-evaluation, upgrade)')
@Controller()
export class ApplicationController {
  constructor(private readonly applications: ApplicationService) {}

  @Post('products/:productId/applications')
  @Roles(...OFFICERS, 'producer')
  @ApiOperation({
    summary: 'Apply for re-evaluation or an upgrade of a certified product (OCOP.md §4-5)',
    description:
      're_evaluation: the certificate has expired, or is valid and within RE_EVALUATION_WINDOW_MONTHS of its last ' +
      'day or evaluation has sent its expiry reminder or notice. upgrade: a valid certificate below 5 stars and ' +
      'targetStars above it. One open application per product. Codes: PRODUCT_NOT_CERTIFIED, ' +
      'RE_EVALUATION_WINDOW_NOT_OPEN, UPGRADE_NEEDS_VALID_CERTIFICATE, UPGRADE_ALREADY_FIVE_STARS, ' +
      'UPGRADE_TARGET_INVALID, APPLICATION_ALREADY_OPEN. Event ocop.registration.product.application-filed.v1.',
  })
  @ApiCreatedResponse({ type: ApplicationDetailView })
  async file(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
    @Body() dto: FileApplicationDto,
  ): Promise<ApplicationDetailView> {
    return ApplicationDetailView.ofState(await this.applications.file(user, productId, dto));
  }

  @Get('products/:productId/applications')
  @Roles(...READERS)
  @ApiOperation({ summary: "The product's applications, newest first" })
  @ApiOkResponse({ type: [ApplicationView] })
  async forProduct(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
  ): Promise<ApplicationView[]> {
    return (await this.applications.forProduct(user, productId)).map((application) => ApplicationView.of(application));
  }

  @Get('products/:productId/certificates')
  @Roles(...READERS)
  @ApiOperation({
    summary: "The product's certificates as registration knows them (from evaluation's events), newest first",
  })
  @ApiOkResponse({ type: [ProductCertificateView] })
  async certificates(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
  ): Promise<ProductCertificateView[]> {
    return (await this.applications.certificates(user, productId)).map((state) => ProductCertificateView.of(state));
  }

  @Get('applications')
  @Roles(...OFFICERS, 'producer', 'auditor')
  @ApiOperation({
    summary: 'Applications of a unit in your jurisdiction (a producer: its own), newest first',
  })
  @ApiOkResponse({ type: ApplicationPage })
  async list(@CurrentUser() user: AuthUser, @Query() query: ListApplicationsQuery): Promise<ApplicationPage> {
    const page = await this.applications.list(user, query);
    return { ...page, items: page.items.map((application) => ApplicationView.of(application)) };
  }

  @Get('applications/:applicationId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'An application with its dossier checklist and completeness' })
  @ApiOkResponse({ type: ApplicationDetailView })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('applicationId', uuid()) applicationId: string,
  ): Promise<ApplicationDetailView> {
    return ApplicationDetailView.ofState(await this.applications.get(user, applicationId));
  }

  @Post('applications/:applicationId/withdrawal')
  @HttpCode(200)
  @Roles(...OFFICERS, 'producer')
  @ApiOperation({
    summary: 'Withdraw an open application (not once evaluation has put it in a round: APPLICATION_NOT_OPEN)',
    description: 'Event ocop.registration.product.application-withdrawn.v1.',
  })
  @ApiOkResponse({ type: ApplicationView })
  async withdraw(
    @CurrentUser() user: AuthUser,
    @Param('applicationId', uuid()) applicationId: string,
    @Body() dto: WithdrawApplicationDto,
  ): Promise<ApplicationView> {
    return ApplicationView.of(await this.applications.withdraw(user, applicationId, dto.reason));
  }

  @Post('applications/:applicationId/documents')
  @Roles(...OFFICERS, 'producer')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['item', 'file'],
      properties: {
        item: { type: 'string', example: 'self_assessment_report' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiOperation({
    summary: "Add a document to an open application's dossier, or replace the current one",
    description:
      'PDF, JPEG or PNG up to DOCUMENT_MAX_BYTES; the content must match the declared type. Codes: FILE_REQUIRED, ' +
      'APPLICATION_ITEM_UNKNOWN, APPLICATION_NOT_OPEN, DOCUMENT_TOO_LARGE, DOCUMENT_TYPE_NOT_ALLOWED.',
  })
  @ApiCreatedResponse({ type: ApplicationDocumentView })
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('applicationId', uuid()) applicationId: string,
    @Body() dto: UploadApplicationDocumentDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ApplicationDocumentView> {
    return ApplicationDocumentView.of(await this.applications.upload(user, applicationId, dto.item, file));
  }

  @Get('applications/:applicationId/documents/:documentId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Download a document of the application (every download is logged)' })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  async download(
    @CurrentUser() user: AuthUser,
    @Param('applicationId', uuid()) applicationId: string,
    @Param('documentId', uuid()) documentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { document, content } = await this.applications.download(user, applicationId, documentId);
    response.setHeader('Content-Type', document.contentType);
    response.setHeader('Content-Disposition', contentDisposition('attachment', document.fileName));
    response.setHeader('Digest', sha256Digest(document.sha256));
    return new StreamableFile(content, { length: document.sizeBytes });
  }
}
