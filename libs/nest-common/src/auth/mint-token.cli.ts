#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@ocop/contracts';
import { mintLocalToken } from './mint-token';

const usage = `Mints a local HS256 token for the OCOP APIs.

  npm run token -- --role province_officer --unit 24 [--role auditor] [--sub u1] [--name "Nguyễn Văn A"] [--ttl 8h]

The secret is JWT_SECRET, or the file JWT_SECRET_FILE, or .local/jwt-secret (written by npm start).
Roles: ${ROLES.join(', ')}.`;

function secret(): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = process.env.JWT_SECRET_FILE ?? resolve(process.env.OCOP_HOME ?? '.local', 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error(`No secret: set JWT_SECRET or JWT_SECRET_FILE (looked for ${file}); npm start writes one`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      unit: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      producer: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.role?.length || !values.unit) {
    console.log(usage);
    process.exit(values.help ? 0 : 2);
  }
  const roles = values.role.flatMap((role) => role.split(','));
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) throw new Error(`Unknown role(s): ${unknown.join(', ')}. Roles: ${ROLES.join(', ')}`);
  const token = await mintLocalToken({
    secret: secret(),
    subject: values.sub ?? `local-${roles[0]}-${values.unit}`,
    roles: roles as Role[],
    unitCode: values.unit,
    ...(values.name ? { name: values.name } : {}),
    ...(values.producer ? { producerId: values.producer } : {}),
    expiresIn: values.ttl ?? '8h',
    ...(process.env.JWT_ISSUER ? { issuer: process.env.JWT_ISSUER } : {}),
    ...(process.env.JWT_AUDIENCE ? { audience: process.env.JWT_AUDIENCE } : {}),
  });
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
