#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@ocop/contracts';
import { localTokenSecret, mintLocalToken } from './mint-token';

const usage = `Mints a local HS256 token for the OCOP APIs.

  npm run token -- --role province_officer --unit 24 [--role auditor] [--sub u1] [--name "Nguyễn Văn A"] [--ttl 8h]

The secret is JWT_SECRET, or the file JWT_SECRET_FILE, or .local/jwt-secret (written by npm start).
Roles: ${ROLES.join(', ')}.`;

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
    secret: localTokenSecret(),
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
