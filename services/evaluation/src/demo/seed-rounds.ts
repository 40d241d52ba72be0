#!/usr/bin/env node
/**
 * Demo data, evaluation part: Lạng Giang district's two 2024 rounds (Đợt 1 before 15 June, Đợt 2 before
 * 15 October; seed 003), played over the HTTP APIs as the people involved would: the district council is
 * formed, each round planned and opened, the products entered with their kind (the new ones once
 * pre-assessed, the re-evaluations and the upgrade on their certificates from the register), late with a
 * reason since the rounds are recorded after the fact, attendance and a declared interest recorded, every present member
 * scores each product with a draft then a submission, a spread over 10 points is sent back and re-scored,
 * the council deliberates and the district decides; certificates, forwarding and feedback follow.
 *
 * The intended outcomes are data (data/demo/lang-giang-2024-rounds.json); each member's scorecard is
 * made with choicesForTarget. The script lives in evaluation because a tool may not import a service's
 * code (@nx/enforce-module-boundaries: scope:tool → scope:shared only); tools/demo/dist/seed-demo.js runs
 * it after registration. Idempotent: the council and rounds are found by name, each step is read before
 * it is taken, and a round already decided is left as it is.
 */
import { localTokenSecret, mintLocalToken } from '@ocop/nest-common';
import type { MemberRole } from '../council/council.rules';
import type { CriteriaSetDocument } from '../criteria-set/criteria-set.rules';
import { choicesForTarget } from '../criteria-set/criteria-set.sampling';
import {
  memberTarget,
  readDemoRounds,
  scoringMembers,
  userIdOf,
  type DemoMember,
  type DemoRound,
  type DemoRoundProduct,
  type DemoRoundsFile,
  type Expected,
} from './demo-rounds.data';

interface CouncilView {
  id: string;
  name: string;
  members: { id: string; role: MemberRole; userId: string | null }[];
}

interface RoundView {
  id: string;
  name: string;
  councilId: string;
  phase: 'draft' | 'open' | 'scoring' | 'deliberation' | 'decided' | 'closed';
}

interface Outcome {
  kind: Expected;
  stars: number;
  reason?: string;
}

interface EntryView {
  productId: string;
  productName: string;
  criteriaSetId: string;
  score: number | null;
  flagged: boolean;
  outcome: Outcome | null;
}

interface ScorecardView {
  productId: string;
  memberId: string;
  status: 'draft' | 'submitted';
  attempt: number;
}

interface CertificateView {
  number: string;
  productId: string;
  productName: string;
  producerName: string;
  stars: number;
  issuingUnitCode: string;
  issuedOn: string;
  validUntil: string;
}

interface ApiResponse<T> {
  status: number;
  body: T;
}

/** A JSON client acting with one token. */
class Client {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | null,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        'accept-language': 'en',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed as T };
  }

  /** The body when the status is one of `statuses`, otherwise an error naming the request and the answer. */
  async expect<T>(method: string, path: string, body: unknown, ...statuses: number[]): Promise<T> {
    const response = await this.call<T>(method, path, body);
    if (!statuses.includes(response.status))
      throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  get<T>(path: string): Promise<T> {
    return this.expect<T>('GET', path, undefined, 200);
  }
}

const PHASES: readonly RoundView['phase'][] = ['draft', 'open', 'scoring', 'deliberation', 'decided', 'closed'];
/** Products scored at the same time. */
const SCORING_CONCURRENCY = 4;

interface Context {
  data: DemoRoundsFile;
  organiser: Client;
  secretary: Client;
  members: Map<string, Client>;
  /** Member key → the council's member id, and back. */
  memberIds: Map<string, string>;
  memberKeys: Map<string, string>;
  scoring: DemoMember[];
  council: CouncilView;
  sets: Map<string, CriteriaSetDocument>;
  waitMs: number;
}

interface RoundResult {
  name: string;
  roundId: string;
  alreadyDecided: boolean;
  entries: EntryView[];
  scorecards: number;
  rescored: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const started = Date.now();
  const evaluationUrl =
    process.env['EVALUATION_URL'] ?? `http://127.0.0.1:${process.env['EVALUATION_HTTP_PORT'] ?? 3002}/api/v1`;
  const registrationUrl =
    process.env['REGISTRATION_URL'] ?? `http://127.0.0.1:${process.env['REGISTRATION_HTTP_PORT'] ?? 3001}/api/v1`;
  const waitMs = Number(process.env['DEMO_INTAKE_TIMEOUT_SECONDS'] ?? 120) * 1000;
  const data = readDemoRounds();
  const secret = localTokenSecret();
  const province = data.council.provinceCode;
  const token = (subject: string, name: string, role: 'province_officer' | 'council_member' | 'council_secretary') =>
    mintLocalToken({ secret, subject, name, roles: [role], unitCode: province, expiresIn: '30m' });

  const organiserToken = await token(data.organiser.subject, data.organiser.name, 'province_officer');
  const organiser = new Client(evaluationUrl, organiserToken);
  const registration = new Client(registrationUrl, organiserToken);
  const secretaryMember = data.council.members.find((member) => member.role === 'secretary');
  const secretary = new Client(
    evaluationUrl,
    await token(
      userIdOf(secretaryMember?.key ?? 'secretary-1'),
      secretaryMember?.fullName ?? 'Thư ký',
      'council_secretary',
    ),
  );
  const members = new Map<string, Client>();
  for (const member of scoringMembers(data))
    members.set(
      member.key,
      new Client(evaluationUrl, await token(userIdOf(member.key), member.fullName, 'council_member')),
    );

  const council = await ensureCouncil(organiser, data);
  const memberIds = new Map<string, string>();
  const memberKeys = new Map<string, string>();
  for (const member of data.council.members) {
    const found = council.members.find((candidate) => candidate.userId === userIdOf(member.key));
    if (!found) throw new Error(`Council "${council.name}" has no member with userId ${userIdOf(member.key)}`);
    memberIds.set(member.key, found.id);
    memberKeys.set(found.id, member.key);
  }
  const context: Context = {
    data,
    organiser,
    secretary,
    members,
    memberIds,
    memberKeys,
    scoring: scoringMembers(data),
    council,
    sets: new Map(),
    waitMs,
  };

  const productIds = await resolveProducts(registration, data);
  const existing = await organiser.get<RoundView[]>(`/rounds?province=${province}&year=2024`);
  const results: RoundResult[] = [];
  for (const round of data.rounds) {
    const found = existing.find((candidate) => candidate.name === round.name && candidate.councilId === council.id);
    const result = await playRound(context, round, found, productIds);
    results.push(result);
    const count = (kind: Expected) => result.entries.filter((entry) => entry.outcome?.kind === kind).length;
    console.log(
      `[demo] round ${round.name}${result.alreadyDecided ? ' (decided in an earlier run, left as it is)' : ''}: ` +
        `${result.entries.filter((entry) => entry.score !== null).length} products scored, ` +
        `${count('recognised')} certified, ${count('forwarded')} forwarded, ${count('not_passed')} not passed` +
        (result.alreadyDecided
          ? ''
          : ` (${result.scorecards} scorecards submitted; re-scored: ${result.rescored.join(', ') || 'none'})`),
    );
  }

  await showCertificate(organiser, evaluationUrl, province, results);
  console.log(`[demo] rounds done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** The district council, found by name in its province or formed. */
async function ensureCouncil(organiser: Client, data: DemoRoundsFile): Promise<CouncilView> {
  const spec = data.council;
  const councils = await organiser.get<CouncilView[]>(`/councils?province=${spec.provinceCode}`);
  const found = councils.find((council) => council.name === spec.name);
  if (found) return found;
  const created = await organiser.expect<CouncilView>(
    'POST',
    '/councils',
    {
      name: spec.name,
      level: spec.level,
      unitCode: spec.unitCode,
      provinceCode: spec.provinceCode,
      termStart: spec.termStart,
      termEnd: spec.termEnd,
      members: spec.members.map((member) => ({
        fullName: member.fullName,
        organisation: member.organisation,
        role: member.role,
        userId: userIdOf(member.key),
      })),
    },
    201,
  );
  console.log(`[demo] council formed: ${created.name} (${created.members.length} members)`);
  return created;
}

/** Registration's product ids: the producer by tax code (searched by name), then the product by name. */
async function resolveProducts(registration: Client, data: DemoRoundsFile): Promise<Map<string, string>> {
  const producers = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const product of data.rounds.flatMap((round) => round.products)) {
    let producerId = producers.get(product.producerTaxCode);
    if (!producerId) {
      const page = await registration.get<{ items: { id: string; taxCode: string }[] }>(
        `/producers?unit=${data.council.provinceCode}&limit=50&q=${encodeURIComponent(product.producerName)}`,
      );
      producerId = page.items.find((producer) => producer.taxCode === product.producerTaxCode)?.id;
      if (!producerId)
        throw new Error(
          `Producer ${product.producerName} (${product.producerTaxCode}) is not registered: run the registration part first (tools/demo/dist/seed-demo.js)`,
        );
      producers.set(product.producerTaxCode, producerId);
    }
    const page = await registration.get<{ items: { id: string; name: string }[] }>(
      `/products?producerId=${producerId}&limit=200`,
    );
    const id = page.items.find((item) => item.name === product.name)?.id;
    if (!id) throw new Error(`Product ${product.name} of ${product.producerName} is not registered`);
    ids.set(product.name, id);
  }
  return ids;
}

async function playRound(
  context: Context,
  spec: DemoRound,
  found: RoundView | undefined,
  productIds: Map<string, string>,
): Promise<RoundResult> {
  const { organiser } = context;
  let round =
    found ??
    (await organiser.expect<RoundView>(
      'POST',
      '/rounds',
      {
        name: spec.name,
        councilId: context.council.id,
        dossierDeadline: spec.dossierDeadline,
        meetingDate: spec.meetingDate,
        scoringDeadline: spec.scoringDeadline,
      },
      201,
    ));
  const path = `/rounds/${round.id}`;
  const result: RoundResult = {
    name: spec.name,
    roundId: round.id,
    alreadyDecided: round.phase === 'decided' || round.phase === 'closed',
    entries: [],
    scorecards: 0,
    rescored: [],
  };
  /**
   * Moves the round on unless it is there already. The round's workflow (round-<id>) moves it too: with
   * the 2024 dates long past, it closes the intake and the scoring as soon as it can, so a move it made
   * first is not an error.
   */
  const move = async (to: RoundView['phase']) => {
    if (PHASES.indexOf(round.phase) >= PHASES.indexOf(to)) return;
    const response = await organiser.call<RoundView>('POST', `${path}/phase`, { to });
    if (response.status === 200) {
      round = response.body;
      return;
    }
    round = await organiser.get<RoundView>(path);
    if (PHASES.indexOf(round.phase) < PHASES.indexOf(to))
      throw new Error(`POST ${path}/phase ${to} → ${response.status} ${JSON.stringify(response.body)}`);
  };
  const refresh = async () => {
    round = await organiser.get<RoundView>(path);
  };
  const productId = (name: string) => {
    const id = productIds.get(name);
    if (!id) throw new Error(`No product id for ${name}`);
    return id;
  };

  // Products enter while the round is still a draft: once it opens, its workflow may close the intake.
  if (round.phase === 'draft' || round.phase === 'open') {
    const entered = new Set((await organiser.get<EntryView[]>(`${path}/products`)).map((entry) => entry.productId));
    for (const product of spec.products) {
      if (!entered.has(productId(product.name))) await enter(context, round.id, spec, product, productId(product.name));
    }
    await move('open');
  }
  if (round.phase === 'open' || round.phase === 'scoring') {
    const declared = await organiser.get<{ memberId: string; productId: string }[]>(`${path}/interests`);
    for (const interest of spec.interests) {
      const memberId = context.memberIds.get(interest.member);
      const id = productId(interest.product);
      if (declared.some((row) => row.memberId === memberId && row.productId === id)) continue;
      await memberClient(context, interest.member).expect(
        'POST',
        `${path}/products/${id}/interests`,
        { reason: interest.reason },
        201,
      );
    }
    await move('scoring');
  }
  if (round.phase === 'scoring' || round.phase === 'deliberation') {
    const quorum = await organiser.get<{ recorded: boolean }>(`${path}/quorum`);
    if (!quorum.recorded) {
      const present = context.data.council.members
        .filter((member) => !spec.absent.includes(member.key))
        .map((member) => context.memberIds.get(member.key)!);
      const check = await context.secretary.expect<{ met: boolean; present: number; scoringMembers: number }>(
        'PUT',
        `${path}/attendance`,
        { presentMemberIds: present },
        200,
      );
      if (!check.met) throw new Error(`Round ${spec.name}: no quorum with ${check.present} of ${check.scoringMembers}`);
    }
    const present = context.scoring.filter((member) => !spec.absent.includes(member.key)).length;
    console.log(`[demo] round ${spec.name}: ${spec.products.length} products entered, ${present} members scoring …`);
    // Scoring goes on in deliberation too (the workflow may have moved the round at the scoring deadline).
    await score(context, round.id, spec, productId, result);
    await refresh();
    await move('deliberation');
  }
  if (round.phase === 'deliberation') {
    const entries = await organiser.get<EntryView[]>(`${path}/products`);
    assertOutcomes(spec, entries, productId);
    const feedback = Object.fromEntries(
      spec.products
        .filter((product) => product.feedback)
        .map((product) => [productId(product.name), product.feedback!]),
    );
    await organiser.expect('POST', `${path}/decision`, { ...spec.decision, feedback }, 201);
    await refresh();
  }
  await move('closed');
  result.entries = await organiser.get<EntryView[]>(`${path}/products`);
  return result;
}

/**
 * Enters a product, waiting (with a deadline) until evaluation has the commune's pre-assessment (a new
 * product) or the certificate from the register it renews.
 */
async function enter(
  context: Context,
  roundId: string,
  spec: DemoRound,
  product: DemoRoundProduct,
  id: string,
): Promise<void> {
  const deadline = Date.now() + context.waitMs;
  for (;;) {
    const response = await context.organiser.call<{ code?: string; details?: { stage?: string } }>(
      'POST',
      `/rounds/${roundId}/products`,
      { productId: id, kind: product.kind ?? 'new', lateEntryReason: spec.lateEntryReason },
    );
    if (response.status === 201) return;
    const code = response.body?.code;
    const waiting =
      code === 'PRODUCT_NOT_READY_FOR_ROUND' ||
      code === 'PRODUCT_NOT_IN_EVALUATION' ||
      code === 'NO_CERTIFICATE_TO_RENEW';
    if (!waiting)
      throw new Error(`Entering ${product.name} in ${spec.name}: ${response.status} ${JSON.stringify(response.body)}`);
    if (Date.now() > deadline)
      throw new Error(
        `Evaluation has not received the pre-assessment or certificate of ${product.name} (product ${id}) after ` +
          `${context.waitMs / 1000}s: last answer ${code} (stage ${response.body.details?.stage ?? 'unknown'}). ` +
          'Are the registration outbox relay and the evaluation event handlers running? See .local/logs/.',
      );
    await sleep(500);
  }
}

/**
 * Every present, non-recused member scores every product: a draft of the first criteria, then the
 * submission. A product flagged for its spread goes back to the members concerned, who resubmit.
 */
async function score(
  context: Context,
  roundId: string,
  spec: DemoRound,
  productId: (name: string) => string,
  result: RoundResult,
): Promise<void> {
  const path = `/rounds/${roundId}`;
  const { organiser } = context;
  const entries = await organiser.get<EntryView[]>(`${path}/products`);
  const cards = await organiser.get<ScorecardView[]>(`${path}/scorecards`);
  const recusals = await organiser.get<{ memberId: string; productId: string }[]>(`${path}/interests`);
  const targetOf = (product: DemoRoundProduct, productIndex: number, memberIndex: number) =>
    memberTarget(context.data, product, productIndex, memberIndex);

  const submit = async (product: DemoRoundProduct, member: DemoMember, target: number, withDraft: boolean) => {
    const id = productId(product.name);
    const entry = entries.find((candidate) => candidate.productId === id);
    if (!entry) throw new Error(`${product.name} is not in ${spec.name}`);
    const set = await criteriaSet(context, entry.criteriaSetId);
    const choices = choicesForTarget(set, target, product.miss ?? []);
    const client = memberClient(context, member.key);
    const cardPath = `${path}/products/${id}/scorecard`;
    if (withDraft) {
      const firstPart = set.parts[0]?.criteria.map((criterion) => criterion.code) ?? [];
      const draft = Object.fromEntries(Object.entries(choices).filter(([code]) => firstPart.includes(code)));
      await client.expect('PUT', cardPath, { choices: draft }, 200);
    }
    await client.expect('POST', `${cardPath}/submit`, { choices }, 201);
    result.scorecards += 1;
  };

  // A few products at a time; each product's members one after the other, so the last one in scores it.
  await inPool(spec.products, SCORING_CONCURRENCY, async (product, productIndex) => {
    const id = productId(product.name);
    for (const [memberIndex, member] of context.scoring.entries()) {
      if (spec.absent.includes(member.key)) continue;
      const memberId = context.memberIds.get(member.key);
      if (recusals.some((row) => row.memberId === memberId && row.productId === id)) continue;
      const card = cards.find((candidate) => candidate.productId === id && candidate.memberId === memberId);
      if (card?.status === 'submitted') continue;
      const first = product.spread?.firstTargets[member.key];
      const target =
        first !== undefined && (card?.attempt ?? 1) === 1 ? first : targetOf(product, productIndex, memberIndex);
      await submit(product, member, target, card === undefined);
    }
  });

  const chair = context.scoring.find((member) => member.role === 'chair');
  if (!chair) throw new Error('The council has no chair');
  for (const entry of await organiser.get<EntryView[]>(`${path}/products`)) {
    if (!entry.flagged) continue;
    const productIndex = spec.products.findIndex((product) => productId(product.name) === entry.productId);
    const product = spec.products[productIndex];
    if (!product) throw new Error(`${entry.productName} is flagged but is not in the demo data of ${spec.name}`);
    const rescore = await memberClient(context, chair.key).expect<{ memberIds: string[] }>(
      'POST',
      `${path}/products/${entry.productId}/rescore`,
      {
        reason:
          product.spread?.reason ??
          'Chênh lệch điểm giữa các thành viên vượt quá 10 điểm; các thành viên liên quan chấm lại',
      },
      200,
    );
    for (const memberId of rescore.memberIds) {
      const key = context.memberKeys.get(memberId);
      const memberIndex = context.scoring.findIndex((member) => member.key === key);
      const member = context.scoring[memberIndex];
      if (!member) throw new Error(`Re-score asked of member ${memberId}, who is not in the demo council`);
      await submit(product, member, targetOf(product, productIndex, memberIndex), false);
    }
    result.rescored.push(`${product.name} (${rescore.memberIds.length} members)`);
  }
  const still = (await organiser.get<EntryView[]>(`${path}/products`)).filter(
    (entry) => entry.flagged || entry.score === null,
  );
  if (still.length > 0)
    throw new Error(
      `Round ${spec.name}: still flagged or unscored after scoring: ${still.map((entry) => entry.productName).join(', ')}`,
    );
}

/** Checks every product ends as the demo data intends before the (irreversible) decision. */
function assertOutcomes(spec: DemoRound, entries: EntryView[], productId: (name: string) => string): void {
  const problems: string[] = [];
  for (const product of spec.products) {
    const entry = entries.find((candidate) => candidate.productId === productId(product.name));
    const outcome = entry?.outcome;
    if (!entry || !outcome) {
      problems.push(`${product.name}: no outcome`);
      continue;
    }
    const wrong =
      outcome.kind !== product.expected ||
      (product.expected === 'recognised' && outcome.stars !== 3) ||
      (product.miss?.length ? outcome.reason !== 'mandatory_criterion_missed' : false);
    if (wrong)
      problems.push(`${product.name}: expected ${product.expected}, got ${JSON.stringify(outcome)} at ${entry.score}`);
  }
  if (problems.length > 0)
    throw new Error(
      `Round ${spec.name}: outcomes differ from the demo data, nothing decided:\n  ${problems.join('\n  ')}`,
    );
}

async function criteriaSet(context: Context, id: string): Promise<CriteriaSetDocument> {
  let set = context.sets.get(id);
  if (!set) {
    set = await context.organiser.get<CriteriaSetDocument>(`/criteria-sets/${id}/export`);
    context.sets.set(id, set);
  }
  return set;
}

/** Runs `work` over the items, at most `size` at a time. */
async function inPool<T>(items: T[], size: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, runner));
}

function memberClient(context: Context, key: string): Client {
  const client = context.members.get(key);
  if (!client) throw new Error(`No scoring member ${key} in the demo council`);
  return client;
}

/** One of the demo's certificates, its public verification (checked once) and its product's workflow. */
async function showCertificate(
  organiser: Client,
  evaluationUrl: string,
  province: string,
  results: RoundResult[],
): Promise<void> {
  const page = await organiser.get<{ items: CertificateView[] }>(`/certificates?province=${province}&limit=500`);
  const roundProducts = new Set(results.flatMap((result) => result.entries.map((entry) => entry.productId)));
  const [certificate] = page.items
    .filter((item) => roundProducts.has(item.productId) && item.issuedOn.startsWith('2024'))
    .sort((a, b) => a.number.localeCompare(b.number));
  if (!certificate) {
    console.log('[demo] no certificate issued by the demo rounds');
    return;
  }
  const verifyUrl = `${new URL(evaluationUrl).origin}/api/v1/public/certificates/${encodeURIComponent(certificate.number)}`;
  const check = await new Client('', null).call<{ status?: string }>('GET', verifyUrl);
  console.log(
    `[demo] certificate ${certificate.number}: ${certificate.productName} (${certificate.producerName}), ` +
      `${certificate.stars} sao, ${certificate.issuedOn} → ${certificate.validUntil}`,
  );
  console.log(
    `[demo]   public verification: ${verifyUrl} (${check.status}${check.body?.status ? `, ${check.body.status}` : ''})`,
  );
  console.log(`[demo]   its workflow: product-${certificate.productId} (search it in the Temporal UI)`);
}

main().catch((error: unknown) => {
  console.error(`[demo] rounds failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
