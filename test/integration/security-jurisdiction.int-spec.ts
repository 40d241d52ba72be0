import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { routePermissions, type RoutePermission } from '@ocop/nest-common';
import { EVALUATION_ROUTES } from './support/jurisdiction/evaluation.routes';
import { auth, buildFixtures, UNITS, type Fixtures } from './support/jurisdiction/fixtures';
import {
  departuresTable,
  phaseOf,
  probesOf,
  runProbes,
  type Probe,
  type RouteTable,
} from './support/jurisdiction/matrix';
import { PROMOTION_ROUTES } from './support/jurisdiction/promotion.routes';
import { REGISTRATION_ROUTES } from './support/jurisdiction/registration.routes';
import { REPORTING_ROUTES } from './support/jurisdiction/reporting.routes';
import { API_MODULES, PlatformStack, SERVICES, type Service } from './support/jurisdiction/stack';

jest.setTimeout(600_000);

const SECURITY_DOC = join(__dirname, '..', '..', 'docs', 'security.md');

/** Every route of every service, with the request that acts on a fixture record (support/jurisdiction/*.routes.ts). */
const TABLES: Record<Service, RouteTable> = {
  registration: REGISTRATION_ROUTES,
  evaluation: EVALUATION_ROUTES,
  promotion: PROMOTION_ROUTES,
  reporting: REPORTING_ROUTES,
};

/**
 * The unit half of docs/security.md, by calling the routes: generated from each API module's routes
 * (routePermissions), every route × role × relation of the caller's unit to the record it acts on (own,
 * parent, child, sibling; see matrix.ts) is sent with a token of that role and unit. A role the route does
 * not name gets 403 FORBIDDEN_ROLE; an allowed one 403 OUT_OF_JURISDICTION from a sibling or child unit
 * (or a list without the record), and no refusal from its own unit or the one above; producers act on
 * their own producer's records, council members by their seat. A route without an entry in the tables
 * fails the first test, naming it. Refusals run first, on the untouched fixtures, and must write nothing
 * (audit log, outbox, inbox, stored files); then reads; then writes, those that end a record last.
 */
describe('security: every route × role × unit relation, over HTTP', () => {
  let stack: PlatformStack;
  let fx: Fixtures;
  const probes: Probe[] = [];
  const problems: string[] = [];
  const routes = new Map<Service, RoutePermission[]>();
  const ofPhase = (service: Service, phase: ReturnType<typeof phaseOf>) =>
    probes.filter((probe) => probe.service === service && phaseOf(probe) === phase);

  beforeAll(async () => {
    stack = await PlatformStack.start('jurisdiction');
    fx = await buildFixtures(stack);
    for (const service of SERVICES) {
      routes.set(service, routePermissions(await API_MODULES[service]()));
      const built = probesOf(service, stack.apps[service], routes.get(service)!, TABLES[service], fx);
      probes.push(...built.probes);
      problems.push(...built.problems);
    }
    await stack.settled();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('has a request for every route of every service, and no request for a route that is gone', () => {
    expect(problems).toEqual([]);
  });

  it('docs/security.md lists the routes that depart from the default unit rule, with their rule', () => {
    // UPDATE_SECURITY_MATRIX=1 rewrites the tables (as for the role matrix).
    let doc = readFileSync(SECURITY_DOC, 'utf8');
    for (const service of SERVICES) {
      const start = `<!-- relations:${service} -->`;
      const end = `<!-- /relations:${service} -->`;
      const generated = `${start}\n${departuresTable(routes.get(service)!, TABLES[service], fx)}\n${end}`;
      const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
      if (process.env['UPDATE_SECURITY_MATRIX']) doc = doc.replace(pattern, generated);
      else expect(doc.match(pattern)?.[0]).toBe(generated);
    }
    if (process.env['UPDATE_SECURITY_MATRIX']) writeFileSync(SECURITY_DOC, doc);
  });

  it('lets a commune read the cycle of its province, whose calendar governs it, and change only its own', async () => {
    const http = () => request(stack.apps.registration.getHttpServer());
    const province = `/api/v1/cycles/${UNITS.province}/${fx.registration.cycleYear}`;
    const commune = await auth(['commune_officer'], UNITS.commune);
    const elsewhere = await auth(['commune_officer'], '16279');
    const calendar = { steps: fx.registration.cycleSteps.map((step) => ({ ...(step as object) })) };
    expect((await http().get(province).set(commune)).status).toBe(200);
    expect((await http().get(province).set(elsewhere)).body.code).toBe('OUT_OF_JURISDICTION');
    expect((await http().put(`${province}/calendar`).set(commune).send(calendar)).body.code).toBe(
      'OUT_OF_JURISDICTION',
    );
    const listed = await http().get('/api/v1/cycles').query({ year: fx.registration.cycleYear }).set(commune);
    expect((listed.body as { unitCode: string }[]).map((cycle) => cycle.unitCode).sort()).toEqual([
      UNITS.commune,
      UNITS.province,
    ]);
  });

  it.each(SERVICES)('%s: refuses roles and units out of reach, and writes nothing', async (service) => {
    const before = await stack.footprint();
    const failures = await runProbes(ofPhase(service, 'refused'), 4);
    const after = await stack.footprint();
    const written = Object.keys(after)
      .filter((key) => after[key] !== before[key])
      .map((key) => `${key}: ${before[key]} → ${after[key]}`);
    expect({ failures, written }).toEqual({ failures: [], written: [] });
  });

  it.each(SERVICES)('%s: reads within reach; lists hold only what is in the caller’s scope', async (service) => {
    expect(await runProbes(ofPhase(service, 'read'), 4)).toEqual([]);
  });

  it.each(SERVICES)('%s: lets writes within reach through', async (service) => {
    expect(
      await runProbes(
        ofPhase(service, 'write').filter((probe) => !probe.last),
        1,
      ),
    ).toEqual([]);
  });

  it('lets the writes that end a record (withdrawal, deletion, revocation, cancellation) through, last', async () => {
    const last = SERVICES.flatMap((service) => ofPhase(service, 'write').filter((probe) => probe.last));
    expect(await runProbes(last, 1)).toEqual([]);
    const count = (phase: ReturnType<typeof phaseOf>) => probes.filter((probe) => phaseOf(probe) === phase).length;
    console.log(
      `${probes.length} route × role × relation probes over ${new Set(probes.map((p) => `${p.service} ${p.route}`)).size} routes: ` +
        `${count('refused')} refused, ${count('read')} reads, ${count('write')} writes allowed`,
    );
  });
});
