import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
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
import { DossierService } from './dossier.service';
import { DossierDocumentView, DossierView, PreAssessmentView } from './dto/dossier.views';
import { PreAssessmentDto, UploadDocumentDto } from './dto/pre-assessment.dto';

const OFFICERS = ['commune_officer', 'district_officer', 'province_officer', 'ministry_officer'] as const;
const uuid = () => new ParseUUIDPipe();

@ApiTags('dossier')
@Controller('products/:productId')
export class DossierController {
  constructor(private readonly dossiers: DossierService) {}

  @Post('dossier')
  @HttpCode(200)
  @Roles(...OFFICERS, 'producer')
  @ApiOperation({ summary: 'Open the dossier of a product whose business plan is in' })
  @ApiOkResponse({ type: DossierView })
  async open(@CurrentUser() user: AuthUser, @Param('productId', uuid()) productId: string): Promise<DossierView> {
    return DossierView.of(await this.dossiers.open(user, productId));
  }

  @Get('dossier')
  @Roles(...OFFICERS, 'producer', 'auditor', 'council_member', 'council_secretary')
  @ApiOperation({
    summary: "The dossier's checklist for the product's group, what is provided, and whether it is complete",
  })
  @ApiOkResponse({ type: DossierView })
  async get(@CurrentUser() user: AuthUser, @Param('productId', uuid()) productId: string): Promise<DossierView> {
    return DossierView.of(await this.dossiers.state(user, productId));
  }

  @Post('dossier/documents')
  @Roles(...OFFICERS, 'producer')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['item', 'file'],
      properties: { item: { type: 'string', example: 'test_results' }, file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOperation({
    summary: 'Add a document for a checklist item, or replace the current one (an amendment)',
    description:
      'PDF, JPEG or PNG up to DOCUMENT_MAX_BYTES; the content must match the declared type. Stored with its SHA-256.',
  })
  @ApiCreatedResponse({ type: DossierDocumentView })
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
    @Body() dto: UploadDocumentDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<DossierDocumentView> {
    return DossierDocumentView.of(await this.dossiers.upload(user, productId, dto.item, file));
  }

  @Get('dossier/documents/:documentId')
  @Roles(...OFFICERS, 'producer', 'auditor', 'council_member', 'council_secretary')
  @ApiOperation({ summary: 'Download a document (every download is logged)' })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  async download(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
    @Param('documentId', uuid()) documentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { document, content } = await this.dossiers.download(user, productId, documentId);
    response.setHeader('Content-Type', document.contentType);
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(document.fileName)}`);
    response.setHeader('Digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`);
    return new StreamableFile(content, { length: document.sizeBytes });
  }

  @Post('dossier/samples-received')
  @HttpCode(200)
  @Roles(...OFFICERS)
  @ApiOperation({ summary: 'Confirm the product samples were received' })
  @ApiOkResponse({ type: DossierView })
  async samples(@CurrentUser() user: AuthUser, @Param('productId', uuid()) productId: string): Promise<DossierView> {
    return DossierView.of(await this.dossiers.receiveSamples(user, productId));
  }

  @Post('pre-assessment')
  @Roles('commune_officer')
  @ApiCreatedResponse({ type: PreAssessmentView })
  @ApiOperation({
    summary: "The commune's pre-assessment of the complete dossier on the four criteria (OCOP.md §5.2)",
    description:
      'All four met → the product is pre_assessed and may go up to a round; otherwise the findings go back to the producer.',
  })
  async preAssess(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
    @Body() dto: PreAssessmentDto,
  ): Promise<PreAssessmentView> {
    return PreAssessmentView.of(await this.dossiers.preAssess(user, productId, dto));
  }

  @Get('pre-assessments')
  @Roles(...OFFICERS, 'producer', 'auditor')
  @ApiOperation({ summary: 'Every pre-assessment of the product, oldest first' })
  @ApiOkResponse({ type: [PreAssessmentView] })
  async preAssessments(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuid()) productId: string,
  ): Promise<PreAssessmentView[]> {
    return (await this.dossiers.preAssessments(user, productId)).map((assessment) => PreAssessmentView.of(assessment));
  }
}
