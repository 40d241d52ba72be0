import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCORING_ROLES, type MemberRole } from '../council/council.rules';

/** The demo's district council and its two 2024 rounds, with each product's intended result. */
export const DEMO_ROUNDS_FILE = join(__dirname, '..', '..', 'data', 'demo', 'lang-giang-2024-rounds.json');

export type Expected = 'recognised' | 'forwarded' | 'not_passed';

export interface DemoMember {
  /** e.g. "chair-1"; the member's account is demo-lang-giang-<key>. */
  key: string;
  fullName: string;
  organisation: string;
  role: MemberRole;
}

export interface DemoRoundProduct {
  name: string;
  producerName: string;
  producerTaxCode: string;
  /** Why it is in the round; absent: a new product (its certificate, if any, is from the register). */
  kind?: 'upgrade' | 're_evaluation';
  /** The points the members aim at, before each member's offset. */
  target: number;
  expected: Expected;
  /** Mandatory criteria the members find missed. */
  miss?: string[];
  /** The decision's feedback for a product that does not pass. */
  feedback?: string;
  /** First scores of some members, too far from the others: the product is re-scored. */
  spread?: { firstTargets: Record<string, number>; reason: string };
}

export interface DemoRound {
  name: string;
  dossierDeadline: string;
  meetingDate: string;
  scoringDeadline: string;
  lateEntryReason: string;
  /** Member keys absent from the session. */
  absent: string[];
  interests: { member: string; product: string; reason: string }[];
  decision: {
    number: string;
    decisionDate: string;
    signerName: string;
    signerTitle: string;
    issuerName: string;
    minutesRef: string;
  };
  products: DemoRoundProduct[];
}

export interface DemoRoundsFile {
  scoring: { memberOffsets: number[] };
  organiser: { subject: string; name: string };
  council: {
    name: string;
    level: 'district';
    unitCode: string;
    provinceCode: string;
    termStart: string;
    termEnd: string;
    members: DemoMember[];
  };
  rounds: DemoRound[];
}

export function readDemoRounds(path = DEMO_ROUNDS_FILE): DemoRoundsFile {
  return JSON.parse(readFileSync(path, 'utf8')) as DemoRoundsFile;
}

export const userIdOf = (key: string): string => `demo-lang-giang-${key}`;

/** The council's scoring members, in the file's order (their index picks their offset). */
export function scoringMembers(data: DemoRoundsFile): DemoMember[] {
  return data.council.members.filter((member) => SCORING_ROLES.includes(member.role));
}

/** The members who score a product in a round: present and without a declared interest in it. */
export function scorersOf(data: DemoRoundsFile, round: DemoRound, product: DemoRoundProduct): DemoMember[] {
  return scoringMembers(data).filter(
    (member) =>
      !round.absent.includes(member.key) &&
      !round.interests.some((interest) => interest.member === member.key && interest.product === product.name),
  );
}

/** A member's final target for a product: the product's target and the member's offset (within ±3). */
export function memberTarget(
  data: DemoRoundsFile,
  product: DemoRoundProduct,
  productIndex: number,
  memberIndex: number,
): number {
  const offsets = data.scoring.memberOffsets;
  return product.target + (offsets[(memberIndex + productIndex) % offsets.length] ?? 0);
}
