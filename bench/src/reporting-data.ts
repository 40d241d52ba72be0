/**
 * The history a national report is built from, for `npm run bench -- reporting-national`: the events the
 * registration, evaluation and promotion services' outbox relays would have published over the last years for
 * BENCH_PRODUCERS producers and BENCH_PRODUCTS products over the 34 provinces and 3,321 communes of 2025, and
 * the "live" events of a working day for the lag measurement. Producers and products come from the
 * registration-scale generator (bench/src/scale-data.ts: names, legal forms, groups, communes); this adds
 * their cycle: each product moves through the stages one event at a time, enters a round of its province
 * (three a year, with a national round twice a year for the 5-star candidates), is scored, certified
 * (36 months) or not passed, and a certificate is upgraded, re-evaluated, revoked or expires; sales points,
 * consignments, listings, fairs and their enrolments and results, rewards and support follow the
 * certificates. Deterministic for a given seed and "now" (the same data every run of the same day).
 */
import {
  EvaluationEvents,
  LISTING_PLATFORMS,
  PROMOTION_EVENT_KINDS,
  PromotionEvents,
  RegistrationEvents,
  REVOCATION_REASONS,
  SALES_POINT_KINDS,
  SUPPORT_KINDS,
  type EventContract,
  type LegalForm,
  type ProductGroup,
  type ProductStage,
  type RoundEntryKind,
} from '../../libs/contracts/dist';
import { prng, type Commune, type ProducerRow, type ScaleData } from './scale-data';

export const DAY = 86_400_000;
const VN_OFFSET = 7 * 3_600_000;

/** The day (YYYY-MM-DD) of an instant in Vietnam (UTC+7 all year). */
export const vnDay = (ms: number): string => new Date(ms + VN_OFFSET).toISOString().slice(0, 10);
/** The instant a Vietnamese day starts, plus hours. */
const vnStart = (day: string, hours = 0): number => Date.parse(`${day}T00:00:00Z`) - VN_OFFSET + hours * 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const addDays = (day: string, days: number): string => vnDay(vnStart(day, 12) + days * DAY);

/** One event as a relay publishes it: its subject's contract, its payload, when it happened. */
export interface HistoryEvent {
  at: number;
  subject: string;
  data: unknown;
}

export interface CertificateState {
  id: string;
  number: string;
  stars: number;
  validUntil: string;
}

/** Where a product stands at the end of the history (what the live events continue from). */
export interface ProductState {
  id: string;
  name: string;
  group: ProductGroup;
  producerId: string;
  producerName: string;
  provinceCode: string;
  communeCode: string;
  stage: ProductStage;
  /** The round it is in, when in_evaluation. */
  roundId: string | null;
  certificate: CertificateState | null;
}

export interface ProducerState {
  id: string;
  name: string;
  legalForm: LegalForm;
  provinceCode: string;
  communeCode: string;
  registeredAt: number;
}

interface Round {
  id: string;
  level: 'province' | 'national';
  provinceCode: string;
  open: number;
  deadline: number;
  meeting: number;
  decision: number;
  decisionId: string;
  decisionNumber: string;
  recognised: number;
  forwarded: number;
  notPassed: number;
}

/** What the report should say, computed from the history as the read models should count it. */
export interface Expected {
  producers: number;
  products: number;
  productsByStage: Record<string, number>;
  /** Certificates valid on the day (issued, not past their last day, not ended). */
  certifiedByStars: Record<string, number>;
  /** Counts in the current month (Vietnam): producers and products registered, certificates issued. */
  month: { producers_registered: number; ideas_registered: number; certificates_issued: number };
}

export interface History {
  events: HistoryEvent[];
  products: ProductState[];
  producers: ProducerState[];
  expected: Expected;
  /** Events per subject. */
  bySubject: Record<string, number>;
  rounds: number;
  salesPoints: number;
  /** The sales points still open, by province. */
  openSalesPoints: Record<string, string[]>;
  fairs: number;
  communes: Commune[];
}

const REWARD_VND: Record<number, number> = { 3: 10_000_000, 4: 20_000_000, 5: 50_000_000 };

export class ReportingHistory {
  private readonly random: () => number;
  private readonly events: HistoryEvent[] = [];
  private readonly rounds = new Map<string, Round[]>();
  private readonly salesPoints = new Map<string, { id: string; opened: number; closed: number | null }[]>();
  private readonly fairs = new Map<string, { id: string; startsOn: string; endsOn: string }[]>();
  private certificateSeq = 0;
  /** Every certificate issued: when, its stars and last day, the day it ended (superseded, revoked, expired). */
  private readonly issued = new Map<
    string,
    { issued: number; issuedOn: string; stars: number; validUntil: string; endedOn: string | null }
  >();

  constructor(
    private readonly data: ScaleData,
    seed: number,
    /** The end of the history (the run's "now"). */
    private readonly now: number,
    private readonly years: number,
  ) {
    this.random = prng(seed ^ 0x0c0ffee);
  }

  private uuid(): string {
    const hex = Array.from({ length: 4 }, () =>
      Math.floor(this.random() * 2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private between(from: number, to: number): number {
    return from + this.random() * Math.max(0, to - from);
  }

  private emit<T>(at: number, contract: EventContract<T>, data: T): void {
    this.events.push({ at, subject: contract.subject, data });
  }

  /** Rounds of each province (three a year, staggered per province) and of the national council (two a year). */
  private planRounds(start: number): void {
    const first = new Date(start).getUTCFullYear();
    const last = new Date(this.now).getUTCFullYear() + 1;
    const make = (level: 'province' | 'national', provinceCode: string, open: number, n: number): Round => ({
      id: this.uuid(),
      level,
      provinceCode,
      open,
      deadline: open + 25 * DAY,
      meeting: open + 35 * DAY,
      decision: open + 42 * DAY,
      decisionId: this.uuid(),
      decisionNumber: `${100 + n}/QĐ-${level === 'national' ? 'BNNMT' : 'UBND'}`,
      recognised: 0,
      forwarded: 0,
      notPassed: 0,
    });
    for (const province of this.data.provinces) {
      const jitter = Math.floor(this.random() * 45) * DAY;
      const rounds: Round[] = [];
      for (let year = first; year <= last; year += 1)
        for (const month of ['02', '06', '10'])
          rounds.push(make('province', province.code, vnStart(`${year}-${month}-01`, 8) + jitter, rounds.length + 1));
      this.rounds.set(province.code, rounds);
    }
    const national: Round[] = [];
    for (let year = first; year <= last; year += 1)
      for (const month of ['04', '11'])
        national.push(make('national', 'VN', vnStart(`${year}-${month}-01`, 8), national.length + 1));
    this.rounds.set('VN', national);
  }

  /** The first round of a unit whose dossier deadline is after `at` (and opening at least after `notBefore`). */
  private roundAfter(unit: string, at: number, notBefore = 0): Round | null {
    return this.rounds.get(unit)?.find((round) => round.deadline > at && round.open >= notBefore) ?? null;
  }

  private salesPointsAndFairs(start: number): void {
    for (const province of this.data.provinces) {
      const communes = this.data.communes.filter((c) => c.provinceCode === province.code);
      const points: { id: string; opened: number; closed: number | null }[] = [];
      const count = 20 + Math.floor(this.random() * 50);
      for (let i = 0; i < count; i += 1) {
        const opened = this.between(start - 365 * DAY, this.now - DAY);
        const commune = this.random() < 0.7 && communes.length > 0 ? this.pick(communes) : null;
        const id = this.uuid();
        this.emit(opened, PromotionEvents.salesPointOpened, {
          salesPointId: id,
          name: `Điểm giới thiệu và bán sản phẩm OCOP ${commune?.place ?? province.name.replace(/^(Tỉnh|Thành phố) /, '')} ${i + 1}`,
          kind: this.pick(SALES_POINT_KINDS),
          operatorName: `Đơn vị vận hành ${i + 1}`,
          unitCode: commune?.code ?? province.code,
          provinceCode: province.code,
          openedOn: vnDay(opened),
        });
        let closed: number | null = null;
        if (this.random() < 0.06) {
          closed = this.between(opened + 30 * DAY, this.now);
          if (closed <= this.now)
            this.emit(closed, PromotionEvents.salesPointClosed, {
              salesPointId: id,
              provinceCode: province.code,
              closedOn: vnDay(closed),
            });
        }
        points.push({ id, opened, closed });
      }
      this.salesPoints.set(province.code, points);
      // Fairs and exhibitions: six a year in each province, planned a month ahead, results two days after.
      const fairs: { id: string; startsOn: string; endsOn: string }[] = [];
      for (
        let at = start + Math.floor(this.random() * 60) * DAY;
        at < this.now + 60 * DAY;
        at += (40 + this.random() * 40) * DAY
      ) {
        const id = this.uuid();
        const startsOn = vnDay(at);
        const endsOn = addDays(startsOn, 2 + Math.floor(this.random() * 4));
        const kind = this.pick(PROMOTION_EVENT_KINDS);
        const planned = at - 30 * DAY;
        if (planned > this.now) break;
        this.emit(planned, PromotionEvents.eventPlanned, {
          eventId: id,
          name: `Hội chợ OCOP ${province.name} ${startsOn}`,
          kind,
          level: 'province',
          unitCode: province.code,
          provinceCode: province.code,
          organiserName: `Sở Công Thương ${province.name}`,
          startsOn,
          endsOn,
          capacity: 100 + Math.floor(this.random() * 200),
        });
        const recorded = vnStart(endsOn, 10) + 2 * DAY;
        if (recorded <= this.now) {
          const contracts = Math.floor(this.random() * 12);
          this.emit(recorded, PromotionEvents.eventResultsRecorded, {
            eventId: id,
            provinceCode: province.code,
            kind,
            level: 'province',
            startsOn,
            endsOn,
            visitors: 2_000 + Math.floor(this.random() * 30_000),
            salesVnd: Math.floor(this.random() * 2_000) * 1_000_000,
            contractsSigned: contracts,
            contractsValueVnd: contracts * Math.floor(this.random() * 500) * 1_000_000,
            products: 40 + Math.floor(this.random() * 200),
            recordedAt: iso(recorded),
          });
        }
        fairs.push({ id, startsOn, endsOn });
      }
      this.fairs.set(province.code, fairs);
    }
  }

  generate(producerCount: number, productCount: number): History {
    const start = this.now - this.years * 365 * DAY;
    this.planRounds(start);
    this.salesPointsAndFairs(start);

    // Each province starts its cycle every January.
    for (const province of this.data.provinces)
      for (let year = new Date(start).getUTCFullYear() + 1; year <= new Date(this.now).getUTCFullYear(); year += 1)
        this.emit(vnStart(`${year}-01-05`, 9), RegistrationEvents.cycleStarted, {
          unitCode: province.code,
          year,
          provinceCode: province.code,
          workflowId: `cycle-${province.code}-${year}`,
          startedBy: 'bench',
        });

    // Producers and products (registration-scale's generator: communes, names, legal forms, groups, a
    // producer's share of the products by its weight). Products are registered evenly over the history, each
    // producer one to 120 days before its first product (or at any time, if it has none).
    const seeds = this.data.producers(producerCount);
    const producers: ProducerState[] = seeds.map((seed) => {
      const body = JSON.parse(seed.body) as { name: string; legalForm: LegalForm };
      return {
        id: this.uuid(),
        name: body.name,
        legalForm: body.legalForm,
        provinceCode: seed.provinceCode,
        communeCode: seed.communeCode,
        registeredAt: 0,
      };
    });
    const rows: ProducerRow[] = producers.map((producer, i) => ({
      id: producer.id,
      taxCode: seeds[i]!.taxCode,
      legalForm: producer.legalForm,
      communeCode: producer.communeCode,
      provinceCode: producer.provinceCode,
    }));
    const bodies = this.data
      .products(
        productCount,
        rows,
        new Map(seeds.map((seed) => [seed.taxCode, seed.specialty])),
        new Map(seeds.map((seed) => [seed.taxCode, seed.weight])),
      )
      .map((text) => ({
        ...(JSON.parse(text) as { producerId: string; name: string; group: ProductGroup; subgroup: string }),
        registeredAt: this.between(start + 30 * DAY, this.now - 60_000),
      }));
    const firstProduct = new Map<string, number>();
    for (const body of bodies)
      firstProduct.set(body.producerId, Math.min(firstProduct.get(body.producerId) ?? Infinity, body.registeredAt));
    producers.forEach((producer, i) => {
      const first = firstProduct.get(producer.id);
      producer.registeredAt =
        first === undefined ? this.between(start, this.now - 3_600_000) : Math.max(start, first - this.days(1, 120));
      this.emit(producer.registeredAt, RegistrationEvents.producerRegistered, {
        producerId: producer.id,
        name: producer.name,
        legalForm: producer.legalForm,
        taxCode: seeds[i]!.taxCode,
        provinceCode: producer.provinceCode,
        communeCode: producer.communeCode,
        registeredAt: iso(producer.registeredAt),
      });
      if (this.random() < 0.15) this.support(producer);
    });
    const producerById = new Map(producers.map((producer) => [producer.id, producer]));
    const products = bodies.map((body) => this.product(body, producerById.get(body.producerId)!));

    // The rounds themselves, now that their outcomes are known.
    for (const rounds of this.rounds.values())
      for (const round of rounds) {
        if (round.open <= this.now)
          this.emit(round.open, EvaluationEvents.roundOpened, {
            roundId: round.id,
            name: `Đợt đánh giá ${vnDay(round.open).slice(0, 7)} (${round.provinceCode})`,
            level: round.level,
            unitCode: round.provinceCode,
            provinceCode: round.provinceCode,
            versionCode: '1489/2025',
            dossierDeadline: vnDay(round.deadline),
            meetingDate: vnDay(round.meeting),
          });
        if (round.decision + 3_600_000 <= this.now)
          this.emit(round.decision + 3_600_000, EvaluationEvents.roundDecided, {
            roundId: round.id,
            decisionId: round.decisionId,
            decisionNumber: round.decisionNumber,
            decisionDate: vnDay(round.decision),
            recognised: round.recognised,
            forwarded: round.forwarded,
            notPassed: round.notPassed,
          });
      }

    // Chronological, as the relays publish (the sort is stable: an instant's events keep their order).
    this.events.sort((a, b) => a.at - b.at);
    const bySubject: Record<string, number> = {};
    for (const event of this.events) bySubject[event.subject] = (bySubject[event.subject] ?? 0) + 1;
    return {
      events: this.events,
      products,
      producers,
      expected: this.expected(producers, products),
      bySubject,
      rounds: [...this.rounds.values()].reduce((sum, r) => sum + r.filter((x) => x.open <= this.now).length, 0),
      salesPoints: [...this.salesPoints.values()].reduce((sum, points) => sum + points.length, 0),
      openSalesPoints: Object.fromEntries(
        [...this.salesPoints].map(([code, points]) => [code, points.filter((p) => p.closed === null).map((p) => p.id)]),
      ),
      fairs: [...this.fairs.values()].reduce((sum, fairs) => sum + fairs.length, 0),
      communes: this.data.communes,
    };
  }

  /** Support from the province's programme: approved, and most of it delivered later. */
  private support(producer: ProducerState): void {
    const approved = this.between(producer.registeredAt + 30 * DAY, this.now + 120 * DAY);
    if (approved > this.now) return;
    const requestId = this.uuid();
    const kind = this.pick(SUPPORT_KINDS);
    const amount = (5 + Math.floor(this.random() * 95)) * 1_000_000;
    const change = (at: number, from: 'requested' | 'approved', to: 'approved' | 'delivered') =>
      this.emit(at, PromotionEvents.supportRequestStatusChanged, {
        requestId,
        programmeId: `bench-${producer.provinceCode}`,
        producerId: producer.id,
        productId: null,
        kind,
        provinceCode: producer.provinceCode,
        year: new Date(at).getUTCFullYear(),
        from,
        to,
        approvedAmountVnd: amount,
        note: null,
        changedBy: 'bench',
        changedAt: iso(at),
      });
    change(approved, 'requested', 'approved');
    const delivered = approved + this.between(20 * DAY, 150 * DAY);
    if (this.random() < 0.7 && delivered <= this.now) change(delivered, 'approved', 'delivered');
  }

  private expected(producers: ProducerState[], products: ProductState[]): Expected {
    const today = vnDay(this.now);
    const month = today.slice(0, 7);
    const productsByStage: Record<string, number> = {};
    for (const product of products) productsByStage[product.stage] = (productsByStage[product.stage] ?? 0) + 1;
    const certifiedByStars: Record<string, number> = {};
    let certificatesIssued = 0;
    for (const c of this.issued.values()) {
      if (c.issuedOn.slice(0, 7) === month) certificatesIssued += 1;
      if (c.issuedOn <= today && c.validUntil >= today && (c.endedOn === null || c.endedOn > today))
        certifiedByStars[c.stars] = (certifiedByStars[c.stars] ?? 0) + 1;
    }
    const inMonth = (subject: string) =>
      this.events.filter((e) => e.subject === subject && vnDay(e.at).slice(0, 7) === month).length;
    return {
      producers: producers.length,
      products: products.length,
      productsByStage,
      certifiedByStars,
      month: {
        producers_registered: inMonth(RegistrationEvents.producerRegistered.subject),
        ideas_registered: inMonth(RegistrationEvents.productRegistered.subject),
        certificates_issued: certificatesIssued,
      },
    };
  }

  /** Moves a product to a stage at an instant, if that instant has come (registration's stage event). */
  private move(life: Life, to: ProductStage, at: number, reason: string): boolean {
    if (at > this.now) return false;
    const { state } = life;
    this.emit(at, RegistrationEvents.productStageChanged, {
      productId: state.id,
      from: state.stage,
      to,
      reason,
      provinceCode: state.provinceCode,
      communeCode: state.communeCode,
      changedAt: iso(at),
    });
    state.stage = to;
    life.t = at;
    return true;
  }

  private days(from: number, to: number): number {
    return (from + this.random() * (to - from)) * DAY;
  }

  /** One product's life up to now. */
  private product(
    body: { producerId: string; name: string; group: ProductGroup; subgroup: string; registeredAt: number },
    producer: ProducerState,
  ): ProductState {
    const registeredAt = Math.max(body.registeredAt, producer.registeredAt + 60_000);
    const state: ProductState = {
      id: this.uuid(),
      name: body.name,
      group: body.group,
      producerId: producer.id,
      producerName: producer.name,
      provinceCode: producer.provinceCode,
      communeCode: producer.communeCode,
      stage: 'idea',
      roundId: null,
      certificate: null,
    };
    this.emit(registeredAt, RegistrationEvents.productRegistered, {
      productId: state.id,
      name: body.name,
      group: body.group,
      subgroup: body.subgroup,
      producerId: producer.id,
      producerName: producer.name,
      provinceCode: state.provinceCode,
      communeCode: state.communeCode,
      cycleYear: Number(vnDay(registeredAt).slice(0, 4)),
      registeredAt: iso(registeredAt),
    });
    const life: Life = { state, t: registeredAt };
    // One idea in ten is returned for completion first.
    if (this.random() < 0.1) {
      const returned = life.t + this.days(3, 20);
      if (returned > this.now) return state;
      this.emit(returned, RegistrationEvents.productSelectionReturned, {
        productId: state.id,
        reason: 'chưa rõ nguồn nguyên liệu',
        provinceCode: state.provinceCode,
        communeCode: state.communeCode,
        returnedAt: iso(returned),
      });
      life.t = returned;
    }
    // Idea → selected → business plan → dossier; some stop on the way, some of those withdraw.
    const steps: [ProductStage, number, number, number][] = [
      ['selected', 10, 60, 0.7],
      ['business_plan', 20, 90, 0.82],
      ['dossier', 20, 90, 0.82],
    ];
    for (const [to, min, max, go] of steps) {
      if (this.random() >= go) {
        if (this.random() < 0.4) this.move(life, 'withdrawn', life.t + this.days(10, 90), 'withdraw: chủ thể rút');
        return state;
      }
      if (!this.move(life, to, life.t + this.days(min, max), `${to}: chuyển bước`)) return state;
    }
    this.evaluate(life, 0);
    return state;
  }

  /** Pre-assessment, a round of the province (and the national one for the 5-star candidates), the outcome. */
  private evaluate(life: Life, retry: number): void {
    const { state } = life;
    // Pre-assessment by the commune: one in ten fails and is assessed again a month or two later.
    for (let attempt = 0; ; attempt += 1) {
      const assessed = life.t + this.days(10, 60);
      if (assessed > this.now) return;
      const passed = this.random() < (attempt === 0 ? 0.9 : 0.8);
      this.emit(assessed, RegistrationEvents.productPreAssessed, {
        productId: state.id,
        passed,
        unmetCriteria: passed ? [] : ['A1.2'],
        communeCode: state.communeCode,
        assessedOn: vnDay(assessed),
      });
      life.t = assessed;
      if (passed) {
        if (!this.move(life, 'pre_assessed', assessed + 3_600_000, 'pre_assess: đạt')) return;
        break;
      }
      if (attempt >= 1) return;
    }
    const round = this.roundAfter(state.provinceCode, life.t);
    if (!round) return;
    if (!this.enter(life, round, Math.min(Math.max(round.open, life.t) + this.days(0, 3), round.deadline), 'new'))
      return;
    // The council's score: 15 % below 50 points, 60 % 3 stars, 22 % 4 stars, 3 % 5-star candidates.
    const q = this.random();
    const stars = q < 0.15 ? 0 : q < 0.75 ? 3 : q < 0.97 ? 4 : 5;
    if (!this.score(state, round, stars) || round.decision + 30 * 60_000 > this.now) return;
    if (stars === 0) {
      this.notPassed(life, round);
      if (retry === 0 && this.random() < 0.5) this.evaluate(life, 1);
      return;
    }
    if (stars < 5) {
      this.certify(life, round, stars, 'new', null);
      this.afterCertificate(life);
      return;
    }
    round.forwarded += 1;
    this.emit(round.decision, EvaluationEvents.productForwarded, {
      roundId: round.id,
      productId: state.id,
      from: 'province',
      to: 'national',
      score: 90 + Math.floor(this.random() * 10),
      stars: 5,
      decisionId: round.decisionId,
      minutesRef: `minutes/${round.id}`,
      memberTotals: Array.from({ length: 9 }, () => 88 + Math.floor(this.random() * 12)),
      dossierRef: `dossier/${state.id}`,
    });
    // The national council: the product stays in evaluation, entered again at the national level.
    const national = this.roundAfter('VN', round.decision);
    if (!national) return;
    const entered = Math.min(Math.max(national.open, round.decision) + this.days(0, 5), national.deadline);
    if (entered > this.now) return;
    this.emit(entered, EvaluationEvents.productEnteredRound, {
      roundId: national.id,
      productId: state.id,
      kind: 'new',
      level: 'national',
      provinceCode: state.provinceCode,
      communeCode: state.communeCode,
      enteredAt: iso(entered),
    });
    state.roundId = national.id;
    const recognised = this.random() < 0.7;
    if (!this.score(state, national, recognised ? 5 : 4) || national.decision + 30 * 60_000 > this.now) return;
    if (!recognised) {
      this.notPassed(life, national);
      return;
    }
    this.certify(life, national, 5, 'new', null);
    this.afterCertificate(life);
  }

  private enter(life: Life, round: Round, at: number, kind: RoundEntryKind): boolean {
    if (!this.move(life, 'in_evaluation', at, 'enter_round: vào đợt đánh giá')) return false;
    const { state } = life;
    this.emit(at + 1_000, EvaluationEvents.productEnteredRound, {
      roundId: round.id,
      productId: state.id,
      kind,
      level: round.level,
      provinceCode: state.provinceCode,
      communeCode: state.communeCode,
      enteredAt: iso(at + 1_000),
    });
    state.roundId = round.id;
    return true;
  }

  private score(state: ProductState, round: Round, stars: number): boolean {
    const at = round.meeting + this.random() * 8 * 3_600_000;
    if (at > this.now) return false;
    const base = stars === 0 ? 35 : stars === 3 ? 50 : stars === 4 ? 70 : 90;
    this.emit(at, EvaluationEvents.productScored, {
      roundId: round.id,
      productId: state.id,
      score: base + Math.floor(this.random() * (stars === 5 ? 10 : 15)),
      aggregation: 'mean',
      stars,
      starCap: 5,
      flagged: this.random() < 0.06,
      memberCount: 9,
    });
    return true;
  }

  /** Not recognised: the product goes back to its dossier. */
  private notPassed(life: Life, round: Round): void {
    round.notPassed += 1;
    this.emit(round.decision, EvaluationEvents.productNotPassed, {
      roundId: round.id,
      productId: life.state.id,
      level: round.level,
      score: 35 + Math.floor(this.random() * 15),
      stars: 0,
      reason: 'below_threshold',
      feedback: 'Cần hoàn thiện tiêu chuẩn chất lượng và truy xuất nguồn gốc',
      hasValidCertificate: false,
    });
    life.state.roundId = null;
    this.move(life, 'dossier', round.decision + 60_000, 'not_passed: hoàn thiện hồ sơ');
  }

  /** The decision recognises the product: registration's stage, evaluation's certificate (36 months). */
  private certify(
    life: Life,
    round: Round,
    stars: number,
    kind: RoundEntryKind,
    previous: CertificateState | null,
  ): void {
    const { state } = life;
    round.recognised += 1;
    const issuedOn = vnDay(round.decision);
    const validUntil = addDays(`${Number(issuedOn.slice(0, 4)) + 3}${issuedOn.slice(4)}`, -1);
    this.certificateSeq += 1;
    const certificate: CertificateState = {
      id: this.uuid(),
      number: `${round.provinceCode}-${issuedOn.slice(0, 4)}-${String(this.certificateSeq).padStart(6, '0')}`,
      stars,
      validUntil,
    };
    const at = round.decision + 30 * 60_000;
    this.move(life, 'certified', at, 'certify: công nhận');
    this.emit(at + 1_000, EvaluationEvents.certificateIssued, {
      certificateId: certificate.id,
      number: certificate.number,
      productId: state.id,
      producerId: state.producerId,
      productName: state.name,
      producerName: state.producerName,
      group: state.group,
      stars,
      level: round.level,
      kind,
      issuingUnitCode: round.provinceCode,
      provinceCode: state.provinceCode,
      communeCode: state.communeCode,
      decisionId: round.decisionId,
      issuedOn,
      validUntil,
      supersedes: previous?.id ?? null,
    });
    if (previous) {
      this.emit(at + 2_000, EvaluationEvents.certificateSuperseded, {
        certificateId: previous.id,
        number: previous.number,
        productId: state.id,
        supersededBy: certificate.id,
        supersededOn: issuedOn,
      });
      const ended = this.issued.get(previous.id);
      if (ended) ended.endedOn = issuedOn;
    }
    this.issued.set(certificate.id, { issued: at, issuedOn, stars, validUntil, endedOn: null });
    state.certificate = certificate;
    state.roundId = null;
    this.promote(state, certificate, at);
  }

  /** What a certificate brings: a reward (mostly paid), a consignment, a listing, a fair. */
  private promote(state: ProductState, certificate: CertificateState, issued: number): void {
    const end = Math.min(this.now, vnStart(certificate.validUntil, 23));
    if (this.random() < 0.5) {
      const created = issued + this.between(5 * DAY, 30 * DAY);
      if (created <= this.now) {
        const rewardId = this.uuid();
        const amountVnd = REWARD_VND[certificate.stars] ?? 10_000_000;
        const budgetYear = new Date(created).getUTCFullYear();
        this.emit(created, PromotionEvents.rewardCreated, {
          rewardId,
          policyCode: `${state.provinceCode}-ocop-reward`,
          payerUnitCode: state.provinceCode,
          certificateId: certificate.id,
          certificateNumber: certificate.number,
          productId: state.id,
          producerId: state.producerId,
          provinceCode: state.provinceCode,
          stars: certificate.stars,
          previousStars: null,
          reason: 'new_certificate',
          amountVnd,
          budgetYear,
        });
        const paid = created + this.between(30 * DAY, 120 * DAY);
        if (this.random() < 0.75 && paid <= this.now)
          this.emit(paid, PromotionEvents.rewardStatusChanged, {
            rewardId,
            certificateId: certificate.id,
            productId: state.id,
            producerId: state.producerId,
            payerUnitCode: state.provinceCode,
            provinceCode: state.provinceCode,
            budgetYear,
            amountVnd,
            from: 'approved',
            to: 'paid',
            note: `UNC ${Math.floor(this.random() * 1e6)}`,
            changedBy: 'bench',
            changedAt: iso(paid),
          });
      }
    }
    const points = (this.salesPoints.get(state.provinceCode) ?? []).filter((p) => p.opened < issued);
    if (points.length > 0 && this.random() < 0.3) {
      const at = issued + this.between(10 * DAY, 200 * DAY);
      const point = this.pick(points);
      if (at <= end && (point.closed === null || point.closed > at))
        this.emit(at, PromotionEvents.productConsigned, {
          salesPointId: point.id,
          consignmentId: this.uuid(),
          productId: state.id,
          producerId: state.producerId,
          certificateId: certificate.id,
          stars: certificate.stars,
          provinceCode: state.provinceCode,
          consignedOn: vnDay(at),
        });
    }
    if (this.random() < 0.2) {
      const at = issued + this.between(5 * DAY, 300 * DAY);
      if (at <= end)
        this.emit(at, PromotionEvents.listingPublished, {
          listingId: this.uuid(),
          productId: state.id,
          producerId: state.producerId,
          certificateId: certificate.id,
          platform: this.pick(LISTING_PLATFORMS),
          url: `https://shop.example.vn/ocop/${state.id}`,
          provinceCode: state.provinceCode,
          publishedAt: iso(at),
        });
    }
    if (this.random() < 0.25) {
      const fair = (this.fairs.get(state.provinceCode) ?? []).find((f) => vnStart(f.startsOn) > issued + 20 * DAY);
      const at = fair ? vnStart(fair.startsOn, 9) - this.between(2 * DAY, 20 * DAY) : Infinity;
      if (fair && at <= end)
        this.emit(at, PromotionEvents.productEnrolled, {
          eventId: fair.id,
          enrolmentId: this.uuid(),
          productId: state.id,
          producerId: state.producerId,
          certificateId: certificate.id,
          stars: certificate.stars,
          provinceCode: state.provinceCode,
          enrolledAt: iso(at),
        });
    }
  }

  /** A certificate's fate: revoked (1.2 %), upgraded (4 %), re-evaluated before it ends (~55 %), or expired. */
  private afterCertificate(life: Life): void {
    const { state } = life;
    for (let depth = 0; depth < 4; depth += 1) {
      const certificate = state.certificate;
      const issued = certificate ? this.issued.get(certificate.id) : undefined;
      if (!certificate || !issued || state.stage !== 'certified') return;
      const lastDay = vnStart(certificate.validUntil, 23);
      const fate = this.random();
      if (fate < 0.012) {
        const at = this.between(issued.issued + 30 * DAY, lastDay - DAY);
        if (at > this.now) return;
        const revokedOn = vnDay(at);
        this.emit(at, EvaluationEvents.certificateRevoked, {
          certificateId: certificate.id,
          number: certificate.number,
          productId: state.id,
          provinceCode: state.provinceCode,
          reason: this.pick(REVOCATION_REASONS),
          decisionId: this.uuid(),
          revokedOn,
        });
        issued.endedOn = revokedOn;
        this.move(life, 'revoked', at + 60_000, 'revoke: thu hồi');
        return;
      }
      const kind: RoundEntryKind | null =
        fate < 0.052 && certificate.stars < 5 ? 'upgrade' : fate < 0.4 ? 're_evaluation' : null;
      if (kind) {
        const notBefore = kind === 'upgrade' ? issued.issued + 365 * DAY : lastDay - 150 * DAY;
        const round = this.roundAfter(state.provinceCode, notBefore, notBefore);
        if (round && round.decision < lastDay - DAY) {
          if (!this.enter(life, round, round.open + this.random() * 10 * DAY, kind)) return;
          const stars = kind === 'upgrade' ? certificate.stars + 1 : certificate.stars;
          if (!this.score(state, round, stars) || round.decision + 30 * 60_000 > this.now) return;
          this.certify(life, round, stars, kind, certificate);
          continue;
        }
      }
      // Expiry: the day after the last valid day, at midnight in Vietnam.
      const expiredOn = addDays(certificate.validUntil, 1);
      const at = vnStart(expiredOn) + 60_000;
      if (at > this.now) return;
      this.emit(at, EvaluationEvents.certificateExpired, {
        certificateId: certificate.id,
        number: certificate.number,
        productId: state.id,
        provinceCode: state.provinceCode,
        expiredOn,
      });
      issued.endedOn = expiredOn;
      this.move(life, 'expired', at + 60_000, 'expire: hết hiệu lực');
      return;
    }
  }
}

/** A product being written: its state and the instant its history has reached. */
interface Life {
  state: ProductState;
  t: number;
}
