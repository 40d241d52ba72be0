import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import { permissionsTable, routePermissions, type RoutePermission } from '@ocop/nest-common';
import { TEST_JWT_SECRET } from '@ocop/testing';

const SECURITY_DOC = join(__dirname, '..', '..', 'docs', 'security.md');

const SERVICES: Record<string, () => Promise<Type<unknown>>> = {
  registration: async () => (await import('../../services/registration/src/app.module')).RegistrationApiModule,
  evaluation: async () => (await import('../../services/evaluation/src/app.module')).EvaluationApiModule,
  promotion: async () => (await import('../../services/promotion/src/app.module')).PromotionApiModule,
  reporting: async () => (await import('../../services/reporting/src/app.module')).ReportingApiModule,
};

/**
 * docs/security.md's route × role matrix is generated from the routes' decorators: a route added without
 * updating the document (`UPDATE_SECURITY_MATRIX=1 npx jest test/integration/security-matrix`) fails here,
 * and so does a write route open to the read-only auditor or to any signed-in user.
 */
describe('security: the route × role matrix', () => {
  const routes = new Map<string, RoutePermission[]>();

  beforeAll(async () => {
    // The modules read their configuration when imported; nothing connects.
    Object.assign(process.env, { JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'error' });
    for (const [service, load] of Object.entries(SERVICES)) routes.set(service, routePermissions(await load()));
  });

  it('docs/security.md lists every route of every service with the roles its code requires', () => {
    let doc = readFileSync(SECURITY_DOC, 'utf8');
    for (const [service, list] of routes) {
      const start = `<!-- matrix:${service} -->`;
      const end = `<!-- /matrix:${service} -->`;
      const generated = `${start}\n${permissionsTable(list)}\n${end}`;
      const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
      if (process.env['UPDATE_SECURITY_MATRIX']) doc = doc.replace(pattern, generated);
      else expect(doc.match(pattern)?.[0]).toBe(generated);
    }
    if (process.env['UPDATE_SECURITY_MATRIX']) writeFileSync(SECURITY_DOC, doc);
  });

  /** Writes any signed-in user may make: on their own records only. */
  const OWN_RECORD_WRITES = ['reporting POST /api/v1/notifications/:notificationId/read'];

  it('auditors only read; a route without a role check reads (reference data) or writes the caller’s own', () => {
    for (const [service, list] of routes) {
      for (const route of list) {
        const where = `${service} ${route.method} ${route.path}`;
        const open = route.access === 'any' && route.method !== 'GET' && !OWN_RECORD_WRITES.includes(where);
        expect({ where, open }).toEqual({ where, open: false });
        if (Array.isArray(route.access) && route.method !== 'GET')
          expect({ where, auditor: route.access.includes('auditor') }).toEqual({ where, auditor: false });
      }
    }
  });
});
