import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ROLES, type Role } from '@ocop/contracts';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';

/** Who may call a route, as its decorators declare it. */
export interface RoutePermission {
  method: string;
  path: string;
  /** `public`, `any` (a valid token, no role check), or the roles (admin always passes). */
  access: 'public' | 'any' | Role[];
}

type ModuleRef = Type<unknown> | DynamicModule | Promise<DynamicModule>;

const isDynamic = (ref: unknown): ref is DynamicModule =>
  typeof ref === 'object' && ref !== null && 'module' in ref;

/**
 * Every HTTP route of a Nest module tree with the roles its decorators require, read from the metadata
 * (no application started): the source of docs/security.md and of the test that keeps the two equal.
 */
export function routePermissions(root: Type<unknown>, prefix = '/api/v1'): RoutePermission[] {
  const seen = new Set<unknown>();
  const controllers = new Set<Type<unknown>>();
  const visit = (ref: ModuleRef): void => {
    if (ref instanceof Promise || seen.has(ref)) return;
    seen.add(ref);
    const moduleClass = isDynamic(ref) ? ref.module : ref;
    const imports = [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) as ModuleRef[] | undefined) ?? []),
      ...(isDynamic(ref) ? (ref.imports ?? []) : []),
    ];
    for (const controller of [
      ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) as Type<unknown>[] | undefined) ?? []),
      ...(isDynamic(ref) ? (ref.controllers ?? []) : []),
    ])
      controllers.add(controller);
    for (const imported of imports) visit(imported as ModuleRef);
  };
  visit(root);

  const routes: RoutePermission[] = [];
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const classRoles = Reflect.getMetadata(REQUIRED_ROLES, controller) as Role[] | undefined;
    const classPublic = Reflect.getMetadata(IS_PUBLIC, controller) === true;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const path = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
      const isPublic = classPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true;
      const roles = (Reflect.getMetadata(REQUIRED_ROLES, handler) as Role[] | undefined) ?? classRoles;
      const health = base.startsWith('health');
      routes.push({
        method: RequestMethod[method],
        path: `${health ? '' : prefix}/${[base, path].filter((part) => part && part !== '/').join('/')}`
          .replace(/\/+/g, '/')
          .replace(/\/$/, ''),
        access: isPublic ? 'public' : roles ? [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)) : 'any',
      });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The matrix as a Markdown table: one row per route, one column per role (✓ allowed). */
export function permissionsTable(routes: RoutePermission[]): string {
  const header = `| route | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = routes.map((route) => {
    const cells = ROLES.map((role) => {
      if (route.access === 'public') return 'public';
      if (route.access === 'any' || role === 'admin' || route.access.includes(role)) return '✓';
      return '';
    });
    return `| \`${route.method} ${route.path}\` | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
