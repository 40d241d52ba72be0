import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AccessLog,
  CurrentUser,
  ErrorResponse,
  Roles,
  sendCsv,
  type AuthUser,
  type CsvColumn,
} from '@ocop/nest-common';
import { CreateProducerDto, UpdateProducerDto } from './dto/create-producer.dto';
import { ListProducersQuery } from './dto/list-producers.query';
import { ProducerChangeView, ProducerPage, ProducerView } from './dto/producer.view';
import type { ProducerEntity } from './producer.entity';
import { ProducerService } from './producer.service';

const OFFICERS = ['commune_officer', 'district_officer', 'province_officer', 'ministry_officer'] as const;
const EXPORT_BATCH = 2_000;

const CSV_COLUMNS: CsvColumn<ProducerEntity>[] = [
  { header: 'Mã số thuế', value: (p) => p.taxCode },
  { header: 'Tên chủ thể', value: (p) => p.name },
  { header: 'Loại hình', value: (p) => p.legalForm },
  { header: 'Mã tỉnh', value: (p) => p.provinceCode },
  { header: 'Mã xã', value: (p) => p.communeCode },
  { header: 'Thôn/bản', value: (p) => p.village },
  { header: 'Người đại diện', value: (p) => p.representative },
  { header: 'Lao động', value: (p) => p.workforce.total },
  { header: 'Lao động qua đào tạo', value: (p) => p.workforce.trained },
  { header: 'Lao động nữ', value: (p) => p.workforce.women },
  { header: 'Lao động dân tộc thiểu số', value: (p) => p.workforce.ethnicMinority },
  { header: 'Nữ làm chủ', value: (p) => p.womenLed },
  { header: 'Người DTTS làm chủ', value: (p) => p.ethnicMinorityLed },
  { header: 'Thanh niên khởi nghiệp', value: (p) => p.youthStartup },
  { header: 'Ngày đăng ký', value: (p) => p.createdAt.toISOString() },
];

@ApiTags('producers')
@Controller('producers')
export class ProducerController {
  constructor(
    private readonly accessLog: AccessLog,
    private readonly producers: ProducerService,
  ) {}

  @Post()
  @Roles(...OFFICERS)
  @ApiOperation({
    summary: 'Register a producer (chủ thể OCOP) in a commune of your jurisdiction',
    description:
      'A producer with a similar name in the same commune does not block registration; it comes back in `warnings`.',
  })
  @ApiCreatedResponse({ type: ProducerView })
  @ApiConflictResponse({ type: ErrorResponse, description: 'PRODUCER_TAX_CODE_TAKEN' })
  async register(@CurrentUser() user: AuthUser, @Body() dto: CreateProducerDto): Promise<ProducerView> {
    const { producer, warnings } = await this.producers.register(user, dto);
    return ProducerView.of(producer, warnings);
  }

  @Get()
  @Roles(...OFFICERS, 'auditor')
  @ApiOperation({ summary: 'Producers of a unit in your jurisdiction, filtered, searched and sorted' })
  @ApiOkResponse({ type: ProducerPage })
  async list(@CurrentUser() user: AuthUser, @Query() query: ListProducersQuery): Promise<ProducerPage> {
    const page = await this.producers.list(user, query);
    return { ...page, items: page.items.map((item) => ProducerView.of(item)) };
  }

  @Get('export.csv')
  @Roles(...OFFICERS, 'auditor')
  @ApiOperation({ summary: 'The same list as CSV (all pages; UTF-8, Vietnamese headers); logged in the audit log' })
  @ApiProduces('text/csv')
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: ListProducersQuery,
    @Res() response: Response,
  ): Promise<void> {
    await sendCsv(
      response,
      'chu-the-ocop.csv',
      CSV_COLUMNS,
      (offset) => this.producers.exportBatch(user, query, offset, EXPORT_BATCH),
      () =>
        this.accessLog.exported(user, {
          entityType: 'producer',
          entityId: 'chu-the-ocop.csv',
          unitCode: query.unit ?? user.unitCode,
          params: query,
        }),
    );
  }

  @Get(':producerId')
  @Roles(...OFFICERS, 'auditor')
  @ApiOperation({ summary: 'A producer of your jurisdiction' })
  @ApiOkResponse({ type: ProducerView })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('producerId', new ParseUUIDPipe()) producerId: string,
  ): Promise<ProducerView> {
    return ProducerView.of(await this.producers.get(user, producerId));
  }

  @Patch(':producerId')
  @Roles(...OFFICERS)
  @ApiOperation({ summary: 'Change a producer; every change is kept in its history' })
  @ApiOkResponse({ type: ProducerView })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('producerId', new ParseUUIDPipe()) producerId: string,
    @Body() dto: UpdateProducerDto,
  ): Promise<ProducerView> {
    return ProducerView.of(await this.producers.update(user, producerId, dto));
  }

  @Get(':producerId/history')
  @Roles(...OFFICERS, 'auditor')
  @ApiOperation({ summary: "A producer's versions: who changed which field from what to what, and when" })
  @ApiOkResponse({ type: [ProducerChangeView] })
  async history(
    @CurrentUser() user: AuthUser,
    @Param('producerId', new ParseUUIDPipe()) producerId: string,
  ): Promise<ProducerChangeView[]> {
    return (await this.producers.history(user, producerId)).map((change) => ProducerChangeView.of(change));
  }
}
