import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { UNIT_ANCESTORS_SUBJECT, type UnitAncestorsReply, type UnitAncestorsRequest } from '@ocop/nest-common';
import { AdminUnitService } from './admin-unit.service';

/** Request/reply over NATS for services that check jurisdiction against registration's units. */
@Controller()
export class AdminUnitRpcController {
  constructor(private readonly units: AdminUnitService) {}

  @MessagePattern(UNIT_ANCESTORS_SUBJECT)
  async ancestors(@Payload() request: UnitAncestorsRequest): Promise<UnitAncestorsReply> {
    return { ancestors: await this.units.ancestorsOf(String(request.unitCode ?? '')) };
  }
}
