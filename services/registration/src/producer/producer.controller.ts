import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponse, Roles, type AuthUser } from '@ocop/nest-common';
import { CreateProducerDto } from './dto/create-producer.dto';
import { ProducerView } from './dto/producer.view';
import { ProducerService } from './producer.service';

const OFFICERS = ['commune_officer', 'district_officer', 'province_officer', 'ministry_officer'] as const;

@ApiTags('producers')
@Controller('producers')
export class ProducerController {
  constructor(private readonly producers: ProducerService) {}

  @Post()
  @Roles(...OFFICERS)
  @ApiOperation({ summary: 'Register a producer (chủ thể OCOP) in a commune of your jurisdiction' })
  @ApiCreatedResponse({ type: ProducerView })
  @ApiConflictResponse({ type: ErrorResponse, description: 'PRODUCER_TAX_CODE_TAKEN' })
  async register(@CurrentUser() user: AuthUser, @Body() dto: CreateProducerDto): Promise<ProducerView> {
    return ProducerView.of(await this.producers.register(user, dto));
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
}
