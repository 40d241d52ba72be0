import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { NATIONAL_UNIT_CODE, ROLES, type Role } from '@ocop/contracts';
import type { RoutePermission } from '@ocop/nest-common';
import { testToken } from '@ocop/testing';
import type { Fixtures } from './fixtures';

/**
 * How a caller stands to the record a request acts on. `own`: the token's unit is the record's unit.
 * `parent`: the unit above (a commune's province; the country above a province). `child`: a unit below (a
 * commune of a province-level record). `sibling`: another unit of the same level (another commune of the
 * province; another province). For producers `own` is the record's producer and `sibling` another one;
 * for council members acting by their seat, `own` is a member of the record's council, `sibling` an
 * account no council lists.
 */
export const RELATIONS = ['own', 'parent', 'child', 'sibling'] as const;
export type Relation = (typeof RELATIONS)[number];

export type Level = 'commune' | 'province' | 'national';

/** The record a request acts on: the unit it belongs to and, for producers' records, its producer. */
export interface RecordRef {
  unit: string;
  level: Level;
  producerId?: string;
}

/** The unit tree the probes use: each province with two of its communes (the first is the record's). */
const TREE: Record<string, [string, string]> = {
  '24': ['07432', '07375'],
  '38': ['16279', '14758'],
};
const SIBLING_PROVINCE: Record<string, string> = { '24': '38', '38': '24' };

function provinceOf(commune: string): string {
  const province = Object.keys(TREE).find((code) => TREE[code]!.includes(commune));
  if (!province) throw new Error(`commune ${commune} is not in the test's unit tree`);
  return province;
}

/** The token's unit for a relation to a record, or undefined when the relation does not exist for it. */
export function relationUnit(record: RecordRef, relation: Relation): string | undefined {
  if (record.level === 'commune') {
    const province = provinceOf(record.unit);
    const [first, second] = TREE[province]!;
    return { own: record.unit, parent: province, child: undefined, sibling: record.unit === first ? second : first }[
      relation
    ];
  }
  if (record.level === 'province') {
    const communes = TREE[record.unit];
    if (!communes) throw new Error(`province ${record.unit} is not in the test's unit tree`);
    return {
      own: record.unit,
      parent: NATIONAL_UNIT_CODE,
      child: communes[0],
      sibling: SIBLING_PROVINCE[record.unit],
    }[relation];
  }
  return { own: NATIONAL_UNIT_CODE, parent: undefined, child: '24', sibling: undefined }[relation];
}

/**
 * What a probe must answer: `allow` (not refused: 2xx, or a business 4xx such as 409 when the fixture's
 * state has moved on; never 401/403, 5xx or VALIDATION_FAILED), `hidden` (2xx, and the list leaves the
 * record out), `deny` (403 OUT_OF_JURISDICTION), `deny:CODE` (403 with that code), `deny:404:CODE` (that
 * status and code: a record one may not know of), or `skip` (the relation does not apply).
 */
export type Outcome = 'allow' | 'hidden' | 'skip' | 'deny' | `deny:${string}`;

export interface ProbeInfo {
  role: Role;
  relation: Relation;
  unit: string;
  /** Unique per probe: for names, tax codes and the like in bodies. */
  seq: number;
}

export interface ProbeRequest {
  /** The concrete path (matching the route's pattern). */
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: object;
  /** Multipart: text fields and one file. */
  fields?: Record<string, string>;
  file?: { field: string; content: Buffer; filename: string; contentType: string };
}

export interface RouteCase {
  /**
   * `record`: acts on the record `record()` names (path or body), refused outside its jurisdiction;
   * `list`: answers the caller's scope, which must hold the record for `allow` and leave it out for `hidden`;
   * `open`: any caller's unit (reference data, configuration, the caller's own inbox); `system`: operators'
   * actions, no unit; `public`: no token at all.
   */
  kind: 'record' | 'list' | 'open' | 'system' | 'public';
  record?: (fx: Fixtures) => RecordRef;
  request: (fx: Fixtures, probe: ProbeInfo) => ProbeRequest;
  /** For lists (and exports of lists): whether the answer holds the record. */
  listed?: (answer: Answer, fx: Fixtures) => boolean;
  /** Outcomes for allowed roles that differ from the default (own, parent: allow; child, sibling: deny/hidden). */
  relations?: Partial<Record<Relation, Outcome>>;
  /**
   * Producers (when the route lets them in): the outcome for another producer's user; their own
   * producer's record is allowed. Parent and child do not apply to a producer.
   */
  producer?: Outcome;
  /** Council members and secretaries act by their seat in the record's council, whatever their unit. */
  seat?: boolean;
  /** The admin's outcome in every relation, when it is not the unit rule (a bypass, or a seat admins lack). */
  admin?: Outcome;
  /** Writes that end the record's life (withdrawal, deletion, revocation): sent after every other write. */
  last?: boolean;
  /**
   * Renders a document (PDF, workbook): allowed probes are sent for one role the route names and the admin
   * only (the role is the guard's business, checked for every role by the refusals); refusals for all.
   */
  heavy?: boolean;
  /** Why the route departs from the default rule (written next to the matrix in docs/security.md). */
  rule?: string;
}

export type RouteTable = Record<string, RouteCase>;

/** Lists of a province's records default to the caller's province, also for a commune's users. */
export const LISTED_DOWN =
  'a list of a province’s records shows them to the users of its communes too (their default scope is the province), though opening one needs the province';

export interface Answer {
  status: number;
  json: unknown;
  text: string;
}

export interface Probe {
  service: string;
  route: string;
  method: string;
  role: Role;
  relation: Relation;
  unit: string | null;
  expected: Outcome;
  last: boolean;
  run: () => Promise<string | null>;
}

const codeOf = (answer: Answer): string | undefined =>
  typeof answer.json === 'object' && answer.json !== null && 'code' in answer.json
    ? String(answer.json.code)
    : undefined;

function routePattern(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}$`);
}

/** A producer's user holds its commune: the record's (or its province's first) for its own producer. */
function producerUnit(record: RecordRef, relation: Relation): string {
  if (record.level === 'commune') return relationUnit(record, relation === 'own' ? 'own' : 'sibling')!;
  const communes = TREE[record.level === 'province' ? record.unit : '24']!;
  return relation === 'own' ? communes[0] : communes[1];
}

/** Subjects of the probes' tokens: council roles are the fixture council's chair and secretary. */
function subjectOf(role: Role, unit: string, relation: Relation, seat: boolean): string {
  if (role === 'council_member') return seat && relation === 'sibling' ? 'user-outsider' : 'user-chair';
  if (role === 'council_secretary') return seat && relation === 'sibling' ? 'user-outsider' : 'user-secretary';
  return `probe-${role}-${unit}`;
}

/** The outcome the route's rules give a role in a relation (FORBIDDEN_ROLE for roles it does not name). */
export function expectedOutcome(route: RoutePermission, entry: RouteCase, role: Role, relation: Relation): Outcome {
  if (route.access === 'public' || entry.kind === 'public') return 'allow';
  const allowed = route.access === 'any' || role === 'admin' || route.access.includes(role);
  if (!allowed) return 'deny:FORBIDDEN_ROLE';
  if (role === 'admin' && entry.admin) return entry.admin;
  if (entry.kind === 'open' || entry.kind === 'system') return 'allow';
  if (role === 'producer' && entry.producer) {
    if (relation === 'parent' || relation === 'child') return 'skip';
    return relation === 'own' ? 'allow' : entry.producer;
  }
  if ((role === 'council_member' || role === 'council_secretary') && entry.seat) {
    if (relation === 'parent' || relation === 'child') return 'skip';
    return relation === 'own' ? 'allow' : 'deny:NOT_A_COUNCIL_MEMBER';
  }
  const override = entry.relations?.[relation];
  if (override) return override;
  if (relation === 'own' || relation === 'parent') return 'allow';
  return entry.kind === 'list' ? 'hidden' : 'deny';
}

function check(expected: Outcome, answer: Answer, listed: boolean | undefined): string | null {
  const got = `${answer.status} ${codeOf(answer) ?? ''}`.trim();
  if (expected === 'allow') {
    if (answer.status === 401 || answer.status === 403 || answer.status >= 500) return `refused or failed: ${got}`;
    if (codeOf(answer) === 'VALIDATION_FAILED')
      return `the sample request is not valid: ${JSON.stringify(answer.json)}`;
    if (listed === false) return `answered ${got} without the record`;
    return null;
  }
  if (expected === 'hidden') {
    if (answer.status < 200 || answer.status >= 300) return `expected a 2xx without the record, got ${got}`;
    if (listed !== false) return `the list shows the record (${got})`;
    return null;
  }
  const [, second, third] = expected.split(':');
  const status = third ? Number(second) : 403;
  const code = third ?? second ?? 'OUT_OF_JURISDICTION';
  if (answer.status === status && codeOf(answer) === code) return null;
  return `expected ${status} ${code}, got ${got}`;
}

function rawBody(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function send(app: INestApplication, method: string, request_: ProbeRequest, token?: string): Promise<Answer> {
  const agent = request(app.getHttpServer());
  const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let call = agent[verb](request_.path).buffer(true).parse(rawBody);
  if (token) call = call.set('authorization', `Bearer ${token}`);
  if (request_.query) call = call.query(request_.query);
  if (request_.file) {
    for (const [name, value] of Object.entries(request_.fields ?? {})) call = call.field(name, value);
    call = call.attach(request_.file.field, request_.file.content, {
      filename: request_.file.filename,
      contentType: request_.file.contentType,
    });
  } else if (request_.body !== undefined) call = call.send(request_.body);
  else if (verb !== 'get') call = call.send({});
  const response = await call;
  const buffer = response.body as Buffer;
  const type = String(response.headers['content-type'] ?? '');
  const text = type.startsWith('text/') || type.includes('json') ? buffer.toString('utf8') : '';
  let json: unknown;
  if (type.includes('json')) json = JSON.parse(text || 'null') as unknown;
  return { status: response.status, json, text: text || buffer.toString('latin1') };
}

let sequence = 0;

/** The record a route acts on; open, operators' and public routes are probed from Bắc Ninh's relations. */
function recordOf(entry: RouteCase, fx: Fixtures): RecordRef | undefined {
  if (entry.kind === 'record' || entry.kind === 'list') return entry.record?.(fx);
  return { unit: '24', level: 'province' };
}

const LABELS: Record<string, string> = { allow: '✓', hidden: 'not listed', skip: '—', deny: '403' };

/**
 * docs/security.md's table of the routes whose unit rule departs from the default (own and parent ✓, child
 * and sibling 403 or not listed), for an officer the route names (a council member where seats decide),
 * with the rule in words.
 */
export function departuresTable(routes: RoutePermission[], table: RouteTable, fx: Fixtures): string {
  const lines = ['| route | own | parent | child | sibling | rule |', '|---|:-:|:-:|:-:|:-:|---|'];
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const entry = table[key];
    const record = entry && recordOf(entry, fx);
    if (!entry?.rule || !record) continue;
    const officer: Role = entry.seat
      ? 'council_member'
      : Array.isArray(route.access)
        ? (route.access.find((role) => !['producer', 'council_member', 'council_secretary'].includes(role)) ?? 'admin')
        : 'commune_officer';
    const cells = RELATIONS.map((relation) => {
      if (!relationUnit(record, relation)) return '—';
      const outcome = expectedOutcome(route, entry, officer, relation);
      if (LABELS[outcome]) return LABELS[outcome];
      const [, second, third] = outcome.split(':');
      return third ? `${second} ${third}` : `403 ${second}`;
    });
    lines.push(`| \`${key}\` | ${cells.join(' | ')} | ${entry.rule} |`);
  }
  return lines.length > 2 ? lines.join('\n') : 'Every route follows the default rule.';
}

/**
 * One probe per route × role × relation. Every route of the service must have an entry in the table;
 * the list of those without one (and of entries without a route) comes back in `problems`.
 */
export function probesOf(
  service: string,
  app: INestApplication,
  routes: RoutePermission[],
  table: RouteTable,
  fx: Fixtures,
): { probes: Probe[]; problems: string[] } {
  const probes: Probe[] = [];
  const problems: string[] = [];
  const keys = new Set(routes.map((route) => `${route.method} ${route.path}`));
  for (const key of Object.keys(table)) if (!keys.has(key)) problems.push(`${service}: no such route: ${key}`);
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const entry = table[key];
    if (!entry) {
      problems.push(`${service}: ${key} has no entry in the route table`);
      continue;
    }
    if (Array.isArray(route.access) && route.access.includes('producer') && !entry.producer && entry.kind !== 'open')
      problems.push(`${service}: ${key} lets producers in; say how they are bound (producer: …)`);
    const record = recordOf(entry, fx);
    if (!record) {
      problems.push(`${service}: ${key} (${entry.kind}) names no record`);
      continue;
    }
    const pattern = routePattern(route.path);
    const sampleRole = Array.isArray(route.access) ? route.access[0] : 'commune_officer';
    for (const role of ROLES) {
      for (const relation of RELATIONS) {
        const expected = expectedOutcome(route, entry, role, relation);
        if (expected === 'skip') continue;
        if (entry.heavy && !expected.startsWith('deny') && role !== 'admin' && role !== sampleRole) continue;
        const unit = relationUnit(record, relation);
        if (!unit) continue;
        const seat = entry.seat === true;
        const info: ProbeInfo = { role, relation, unit, seq: ++sequence };
        probes.push({
          service,
          route: key,
          method: route.method,
          role,
          relation,
          unit,
          expected,
          last: entry.last === true,
          run: async () => {
            const request_ = entry.request(fx, info);
            if (!route.path.includes(',') && !pattern.test(request_.path))
              return `the sample path ${request_.path} does not match ${route.path}`;
            const producerId =
              role === 'producer'
                ? relation === 'own'
                  ? (record.producerId ?? fx.registration.producerId)
                  : fx.registration.otherProducerId
                : undefined;
            const token = await testToken({
              roles: [role],
              unitCode: role === 'producer' ? producerUnit(record, relation) : unit,
              subject: subjectOf(role, unit, relation, seat),
              ...(producerId ? { producerId } : {}),
            });
            const answer = await send(app, route.method, request_, token);
            const listed = entry.listed && answer.status < 300 ? entry.listed(answer, fx) : undefined;
            return check(expected, answer, listed);
          },
        });
      }
    }
    if (entry.kind === 'public')
      probes.push({
        service,
        route: key,
        method: route.method,
        role: 'admin',
        relation: 'own',
        unit: null,
        expected: 'allow',
        last: false,
        run: async () => {
          const request_ = entry.request(fx, { role: 'admin', relation: 'own', unit: '', seq: ++sequence });
          return check('allow', await send(app, route.method, request_), undefined);
        },
      });
  }
  return { probes, problems };
}

/** Runs probes, `concurrency` at a time; answers the failures, each naming its route, role and relation. */
export async function runProbes(probes: Probe[], concurrency: number): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const probe = probes[next++]!;
      let failure: string | null;
      try {
        failure = await probe.run();
      } catch (error) {
        failure = `threw ${error instanceof Error ? error.message : String(error)}`;
      }
      if (failure)
        failures.push(
          `${probe.service} ${probe.route} as ${probe.role} (${probe.relation}${probe.unit ? ` ${probe.unit}` : ', no token'}): ${failure}`,
        );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures.sort();
}

/** Phase of a probe: refusals first (nothing may be written), then reads, then writes in table order. */
export function phaseOf(probe: Probe): 'refused' | 'read' | 'write' {
  if (probe.expected.startsWith('deny')) return 'refused';
  return probe.method === 'GET' ? 'read' : 'write';
}
