import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SignJWT } from 'jose';
import type { Role } from '@ocop/contracts';

export interface MintTokenInput {
  secret: string;
  subject: string;
  roles: Role[];
  unitCode: string;
  name?: string;
  producerId?: string;
  /** Lifetime, e.g. '8h' or '30d'. */
  expiresIn?: string;
  issuer?: string;
  audience?: string;
}

/** Signs a local HS256 token with the platform's claims (for development, demos and tests). */
export async function mintLocalToken(input: MintTokenInput): Promise<string> {
  let jwt = new SignJWT({
    roles: input.roles,
    unit: input.unitCode,
    ...(input.name ? { name: input.name } : {}),
    ...(input.producerId ? { producer_id: input.producerId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(input.subject)
    .setIssuedAt()
    .setExpirationTime(input.expiresIn ?? '8h');
  if (input.issuer) jwt = jwt.setIssuer(input.issuer);
  if (input.audience) jwt = jwt.setAudience(input.audience);
  return jwt.sign(new TextEncoder().encode(input.secret));
}

/**
 * The local HS256 secret for tools: JWT_SECRET, the file JWT_SECRET_FILE, or $OCOP_HOME/jwt-secret
 * (default .local/jwt-secret, written by `npm start`).
 */
export function localTokenSecret(env: NodeJS.ProcessEnv = process.env): string {
  if (env['JWT_SECRET']) return env['JWT_SECRET'];
  const home = env['OCOP_HOME'] ?? resolve(__dirname, '..', '..', '..', '..', '.local');
  const file = env['JWT_SECRET_FILE'] ?? resolve(home, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error(`No token secret: set JWT_SECRET or JWT_SECRET_FILE (looked for ${file}); npm start writes one`);
}
