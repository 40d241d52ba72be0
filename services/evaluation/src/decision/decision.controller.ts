import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { CertificateView } from '../certificate/dto/certificate.view';
import { CertificateService } from '../certificate/certificate.service';
import { ORGANISERS } from '../round/round.controller';
import { DecisionService } from './decision.service';
import { DecideRoundDto } from './dto/decision.dto';
import { DecisionView, RoundDecisionView } from './dto/decision.view';

@ApiTags('decisions')
@Controller('rounds/:roundId/decision')
export class DecisionController {
  constructor(
    private readonly decisions: DecisionService,
    private readonly certificates: CertificateService,
  ) {}

  @Post()
  @Roles(...ORGANISERS)
  @ApiOperation({
    summary:
      'Decide the round (quyết định công nhận): needs quorum, every product scored, no unresolved spread; issues certificates, forwards, gives feedback',
  })
  @ApiCreatedResponse({ type: RoundDecisionView })
  async decide(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Body() dto: DecideRoundDto,
  ): Promise<RoundDecisionView> {
    const result = await this.decisions.decideRound(user, roundId, dto);
    return {
      decision: DecisionView.of(result.decision),
      certificates: result.certificates.map((certificate) =>
        CertificateView.of(
          certificate,
          this.certificates.statusOf(certificate),
          this.certificates.verifyUrl(certificate),
        ),
      ),
      forwarded: result.forwarded,
      notPassed: result.notPassed,
    };
  }
}
