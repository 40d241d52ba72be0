import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EvaluationEvents, NATIONAL_UNIT_CODE } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, defineErrors, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges, type FieldChanges } from '@ocop/persistence';
import { membershipProblems } from './council.rules';
import { CouncilEntity, CouncilMemberEntity } from './council.entity';
import type { CouncilMemberDto, CreateCouncilDto } from './dto/council.dto';

export const CouncilErrors = defineErrors({
  COUNCIL_NOT_FOUND: { status: 404, vi: 'Không tìm thấy hội đồng {councilId}', en: 'Council {councilId} not found' },
  COUNCIL_MEMBERSHIP_INVALID: {
    status: 400,
    vi: 'Thành phần hội đồng chưa hợp lệ: {problems}',
    en: 'The council membership is not valid: {problems}',
  },
  COUNCIL_IN_SESSION: {
    status: 409,
    vi: 'Hội đồng đang làm việc ở đợt {roundId}; chỉ thay đổi thành viên khi đợt đã có quyết định',
    en: 'The council is sitting in round {roundId}; change its members once the round is decided',
  },
  COUNCIL_LEVEL_UNIT_MISMATCH: {
    status: 400,
    vi: 'Hội đồng cấp {level} không thể thuộc đơn vị {unitCode}',
    en: 'A {level} council cannot belong to unit {unitCode}',
  },
});

/** The unit code each level uses: a 3-digit legacy district, the province itself, or the nation. */
const UNIT_PATTERN: Record<CreateCouncilDto['level'], RegExp> = {
  district: /^\d{3}$/,
  province: /^\d{2}$/,
  national: /^VN$/,
};

@Injectable()
export class CouncilService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(user: AuthUser, dto: CreateCouncilDto): Promise<CouncilEntity> {
    const consistent =
      UNIT_PATTERN[dto.level].test(dto.unitCode) &&
      (dto.level === 'national') === (dto.provinceCode === NATIONAL_UNIT_CODE) &&
      (dto.level !== 'province' || dto.unitCode === dto.provinceCode);
    if (!consistent)
      throw new AppException(CouncilErrors.COUNCIL_LEVEL_UNIT_MISMATCH, { level: dto.level, unitCode: dto.unitCode });
    this.assertMembership(dto.members);
    await this.jurisdiction.assertWithin(user, dto.provinceCode);
    return this.dataSource.transaction(async (manager) => {
      const council = manager.create(CouncilEntity, {
        name: dto.name.trim(),
        level: dto.level,
        unitCode: dto.unitCode,
        provinceCode: dto.provinceCode,
        termStart: dto.termStart,
        termEnd: dto.termEnd ?? null,
        quorumMinShare: dto.quorumMinShare ?? 0.75,
        quorumChairRequired: dto.quorumChairRequired ?? true,
        createdBy: user.id,
      });
      await manager.insert(CouncilEntity, council);
      council.members = await this.writeMembers(manager, council.id, dto.members);
      await this.record(manager, user, council, 'formed', {
        ...diffFields(null, council, COUNCIL_FIELDS),
        members: [null, membersOf(council.members)],
      });
      await this.outbox.append(manager, EvaluationEvents.councilFormed, {
        councilId: council.id,
        name: council.name,
        level: council.level,
        unitCode: council.unitCode,
        provinceCode: council.provinceCode,
        memberCount: council.members.length,
      });
      return council;
    });
  }

  async get(user: AuthUser, councilId: string): Promise<CouncilEntity> {
    const council = await this.dataSource
      .getRepository(CouncilEntity)
      .findOne({ where: { id: councilId }, relations: { members: true } });
    if (!council) throw new AppException(CouncilErrors.COUNCIL_NOT_FOUND, { councilId });
    council.members = activeMembers(council);
    await this.jurisdiction.assertWithin(user, council.provinceCode);
    return council;
  }

  async list(user: AuthUser, provinceCode?: string): Promise<CouncilEntity[]> {
    const { provinceCode: province } = await this.jurisdiction.listScope(user, provinceCode);
    const councils = await this.dataSource.getRepository(CouncilEntity).find({
      where: province ? { provinceCode: province } : {},
      relations: { members: true },
      order: { termStart: 'DESC', name: 'ASC' },
    });
    for (const council of councils) council.members = activeMembers(council);
    return councils;
  }

  /** Replaces the member list (a new term's composition, or a replaced member). */
  async replaceMembers(user: AuthUser, councilId: string, members: CouncilMemberDto[]): Promise<CouncilEntity> {
    this.assertMembership(members);
    const council = await this.get(user, councilId);
    return this.dataSource.transaction(async (manager) => {
      const [sitting] = await manager.query<{ id: string }[]>(
        `SELECT id FROM evaluation.round WHERE council_id = $1 AND phase IN ('open', 'scoring', 'deliberation')
          ORDER BY meeting_date LIMIT 1 FOR SHARE`,
        [councilId],
      );
      if (sitting) throw new AppException(CouncilErrors.COUNCIL_IN_SESSION, { roundId: sitting.id });
      const before = membersOf(council.members ?? []);
      await manager.update(CouncilMemberEntity, { councilId, active: true }, { active: false });
      council.members = await this.writeMembers(manager, councilId, members);
      await this.record(manager, user, council, 'members_replaced', {
        members: [before, membersOf(council.members)],
      });
      await this.outbox.append(manager, EvaluationEvents.councilMembersChanged, {
        councilId,
        memberCount: members.length,
      });
      return council;
    });
  }

  private async record(
    manager: EntityManager,
    user: AuthUser,
    council: CouncilEntity,
    action: string,
    changes: FieldChanges,
  ): Promise<void> {
    await recordChanges(manager, [
      {
        entityType: 'council',
        entityId: council.id,
        action,
        changes,
        changedBy: user.id,
        unitCode: council.unitCode,
        provinceCode: council.provinceCode,
      },
    ]);
  }

  private assertMembership(members: CouncilMemberDto[]): void {
    const problems = membershipProblems(members);
    if (problems.length > 0)
      throw new AppException(CouncilErrors.COUNCIL_MEMBERSHIP_INVALID, { problems: problems.join('; ') }, { problems });
  }

  private async writeMembers(
    manager: EntityManager,
    councilId: string,
    members: CouncilMemberDto[],
  ): Promise<CouncilMemberEntity[]> {
    const rows = members.map((member) =>
      manager.create(CouncilMemberEntity, {
        councilId,
        fullName: member.fullName.trim(),
        organisation: member.organisation.trim(),
        role: member.role,
        userId: member.userId ?? null,
      }),
    );
    if (rows.length > 0) await manager.insert(CouncilMemberEntity, rows);
    return rows;
  }
}

const COUNCIL_FIELDS: Extract<keyof CouncilEntity, string>[] = [
  'name',
  'level',
  'unitCode',
  'provinceCode',
  'termStart',
  'termEnd',
  'quorumMinShare',
  'quorumChairRequired',
];

/** A composition as its change records keep it. */
function membersOf(members: CouncilMemberEntity[]): { fullName: string; role: string; userId: string | null }[] {
  return members.map((member) => ({ fullName: member.fullName, role: member.role, userId: member.userId }));
}

/** The current composition; replaced members stay in the table for past rounds. */
function activeMembers(council: CouncilEntity): CouncilMemberEntity[] {
  return (council.members ?? []).filter((member) => member.active);
}
