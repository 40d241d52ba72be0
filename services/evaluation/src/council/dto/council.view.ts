import { ApiProperty } from '@nestjs/swagger';
import { COUNCIL_LEVELS, type CouncilLevel } from '../../regulation/regulation.rules';
import { MEMBER_ROLES, type MemberRole } from '../council.rules';
import type { CouncilEntity } from '../council.entity';

export class CouncilMemberView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() organisation!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty({ nullable: true, type: String }) userId!: string | null;
}

export class CouncilView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: COUNCIL_LEVELS }) level!: CouncilLevel;
  @ApiProperty() unitCode!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() termStart!: string;
  @ApiProperty({ nullable: true, type: String }) termEnd!: string | null;
  @ApiProperty({ example: { minShare: 0.75, chairRequired: true } }) quorum!: {
    minShare: number;
    chairRequired: boolean;
  };
  @ApiProperty({ type: [CouncilMemberView] }) members!: CouncilMemberView[];

  static of(council: CouncilEntity): CouncilView {
    return {
      id: council.id,
      name: council.name,
      level: council.level,
      unitCode: council.unitCode,
      provinceCode: council.provinceCode,
      termStart: council.termStart,
      termEnd: council.termEnd,
      quorum: { minShare: council.quorumMinShare, chairRequired: council.quorumChairRequired },
      members: (council.members ?? []).map(({ id, fullName, organisation, role, userId }) => ({
        id,
        fullName,
        organisation,
        role,
        userId,
      })),
    };
  }
}
