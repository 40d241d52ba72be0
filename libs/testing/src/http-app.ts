import type { INestApplication, Type } from '@nestjs/common';
import { createHttpApp, mintLocalToken, type MintTokenInput } from '@ocop/nest-common';

export const TEST_JWT_SECRET = 'test-secret-for-integration-suites-only-0123456789';

/**
 * Runs a service's API module in this process, with the given environment (read when the module is
 * imported, so `loadModule` must import it lazily), listening on an ephemeral port.
 */
export async function startHttpApp(
  loadModule: () => Promise<Type<unknown>>,
  env: Record<string, string>,
): Promise<{ app: INestApplication; url: string }> {
  Object.assign(process.env, { JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'error', ...env });
  const app = await createHttpApp(await loadModule(), { title: 'test', description: 'test' });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

export function testToken(input: Omit<MintTokenInput, 'secret' | 'subject'> & { subject?: string }): Promise<string> {
  return mintLocalToken({
    secret: TEST_JWT_SECRET,
    subject: input.subject ?? `test-${input.roles.join('-')}`,
    ...input,
  });
}
