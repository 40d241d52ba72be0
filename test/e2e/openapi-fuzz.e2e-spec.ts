import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestNamespace,
  freePort,
  ServiceProcess,
  TestDatabase,
  TestNatsServer,
  testToken,
  toolBinary,
  TEMPORAL_ADDRESS,
  TEST_JWT_SECRET,
} from '@ocop/testing';

jest.setTimeout(900_000);

const SERVICES = ['registration', 'evaluation', 'promotion', 'reporting'] as const;
type Service = (typeof SERVICES)[number];

/** Requests per operation (schemathesis --max-examples); `OPENAPI_FUZZ_EXAMPLES` raises it for a deeper run. */
const EXAMPLES = Number(process.env['OPENAPI_FUZZ_EXAMPLES'] ?? 8);

interface FuzzResult {
  exitCode: number | null;
  output: string;
  /** From the JUnit report: operations tested, and those with a failure or an error. */
  tested: number;
  failed: number;
}

/**
 * Bad input at scale: schemathesis (PyPI, installed by infra/tools.sh) generates requests from each service's
 * own OpenAPI document — valid ones, and ones that break the schema — and sends them to the running API as a
 * ministry officer (the role that reaches most routes). The check: no request is answered with a 5xx.
 */
describe('OpenAPI fuzzing: no 5xx from any service (schemathesis)', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let temporal: Awaited<ReturnType<typeof createTestNamespace>>;
  const processes: ServiceProcess[] = [];
  const ports = {} as Record<Service, number>;
  const reports = mkdtempSync(join(tmpdir(), 'ocop-schemathesis-'));

  beforeAll(async () => {
    [db, nats, temporal] = await Promise.all([
      TestDatabase.create('fuzz'),
      TestNatsServer.start(),
      createTestNamespace('fuzz'),
    ]);
    for (const service of SERVICES) ports[service] = await freePort();
    const env = (service: Service): Record<string, string> => ({
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: temporal.namespace,
      JWT_SECRET: TEST_JWT_SECRET,
      HTTP_PORT: String(ports[service]),
      LOG_LEVEL: 'error',
    });
    for (const service of SERVICES) {
      expect(await ServiceProcess.spawn(service, 'migrate', env(service)).wait()).toBe(0);
    }
    for (const service of SERVICES) processes.push(ServiceProcess.spawn(service, 'main', env(service)));
    await Promise.all(SERVICES.map((service, i) => processes[i]!.waitHealthy(ports[service])));
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await temporal?.close();
    await nats?.stop();
    await db?.drop();
  });

  async function fuzz(service: Service): Promise<FuzzResult> {
    const token = await testToken({ roles: ['ministry_officer'], unitCode: 'VN' });
    const junit = join(reports, `${service}.xml`);
    const args = [
      'run',
      `http://127.0.0.1:${ports[service]}/docs/openapi.json`,
      '--checks',
      'not_a_server_error',
      '--max-examples',
      String(EXAMPLES),
      '--phases',
      'examples,coverage,fuzzing',
      '--seed',
      '20250701',
      // One worker: hypothesis describes its strategies with ast.parse, which CPython 3.11 does not make
      // thread-safe (a SystemError from the generator, not from the API, with two).
      '--workers',
      '1',
      '--request-timeout',
      '30',
      '--header',
      `Authorization: Bearer ${token}`,
      '--report',
      'junit',
      '--report-junit-path',
      junit,
    ];
    const child = spawn(toolBinary('st', 'SCHEMATHESIS_BIN'), args, {
      // Its example database (.schemathesis/, .hypothesis/) goes to the run's temporary folder, not the repo.
      cwd: reports,
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const report = readJunit(junit);
    const count = (name: string) => Number(new RegExp(`<testsuites[^>]*\\b${name}="(\\d+)"`).exec(report)?.[1] ?? NaN);
    return {
      exitCode,
      output: `${output}\n${report}`,
      tested: count('tests'),
      failed: count('failures') + count('errors'),
    };
  }

  it.each(SERVICES)('%s answers every generated request without a server error', async (service) => {
    const { exitCode, output, tested, failed } = await fuzz(service);
    // On failure the output names each operation, the request (as a curl command) and the 5xx it got.
    if (exitCode !== 0 || failed !== 0) console.error(`schemathesis on ${service}:\n${output.slice(-20_000)}`);
    expect({ exitCode, failed }).toEqual({ exitCode: 0, failed: 0 });
    expect(tested).toBeGreaterThan(10);
  });
});

function readJunit(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
