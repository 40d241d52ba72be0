#!/usr/bin/env node
/**
 * Loads the demo data (Lạng Giang district's 2024 OCOP plan, seed 003, table BIỂU 1) through the public
 * registration API, exactly as staff would enter it: every product goes through the outbox, the event
 * bus and evaluation into its Temporal workflow. The products to be re-evaluated or upgraded get the
 * certificates they hold from before the platform, from the province's register (seed-register.ts); the
 * new ones go through the cycle up to the commune's pre-assessment (seed-cycle.ts). Then it hands over to
 * evaluation's demo script, which plays the two district rounds up to their decisions
 * (services/evaluation/dist/demo/seed-rounds.js; `--no-rounds` skips it), then to promotion's, which puts
 * the certified products in Bắc Giang's 2024 fair and its sales point (services/promotion/dist/demo/
 * seed-promotion.js; `--no-promotion` skips it). Idempotent: producers are found by tax code, products by
 * name per producer, and each product's cycle steps are read before taken.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LegalForm, ProductGroup } from '@ocop/contracts';
import { localTokenSecret, mintLocalToken } from '@ocop/nest-common';
import { Api } from './http';
import { runCycle, type CycleProduct, type DemoKind, type DemoRound } from './seed-cycle';
import { fileReEvaluations, type ApplyingProduct } from './seed-applications';
import { recordRegister, type RegisterDecision, type RegisterEntry } from './seed-register';

interface DemoFile {
  source: string;
  registerDecisions: RegisterDecision[];
  producers: { key: string; name: string; legalForm: LegalForm; legacyCommuneCode: string; taxCode: string }[];
  products: {
    key: string;
    name: string;
    producerKey: string;
    group: ProductGroup;
    kind: DemoKind;
    targetStars: number | null;
    round: string;
    /** The certificate an upgrade or re-evaluation builds on, issued before the platform. */
    previousCertificate?: { decision: string; number: string; stars: number };
  }[];
}

const REPO_ROOT = join(__dirname, '..', '..', '..');
const DEMO_FILE = join(REPO_ROOT, 'services', 'registration', 'data', 'demo', 'lang-giang-2024.json');
/** Evaluation's own script: it scores with evaluation's criteria sampling, which a tool may not import. */
const ROUNDS_SCRIPT = join(REPO_ROOT, 'services', 'evaluation', 'dist', 'demo', 'seed-rounds.js');
/** Promotion's own script: the fair and the sales point with the certified products. */
const PROMOTION_SCRIPT = join(REPO_ROOT, 'services', 'promotion', 'dist', 'demo', 'seed-promotion.js');
/** BIỂU 1's round marks: "Tháng 6/2024" and "Tháng 10/2024" (plan II.8: before 15 June, before 15 October). */
const ROUNDS_2024: readonly string[] = ['june', 'october'] satisfies DemoRound[];

function progressLine(label: string): (done: number, total: number) => void {
  return (done, total) => {
    if (process.stdout.isTTY) process.stdout.write(`\r[demo] ${label} ${done}/${total}${done === total ? '\n' : ''}`);
    else if (done % 10 === 0 || done === total) console.log(`[demo] ${label} ${done}/${total}`);
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const baseUrl =
    process.env['REGISTRATION_URL'] ?? `http://127.0.0.1:${process.env['REGISTRATION_HTTP_PORT'] ?? 3001}/api/v1`;
  const evaluationUrl =
    process.env['EVALUATION_URL'] ?? `http://127.0.0.1:${process.env['EVALUATION_HTTP_PORT'] ?? 3002}/api/v1`;
  const demo = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as DemoFile;
  const token = await mintLocalToken({
    secret: localTokenSecret(),
    subject: 'demo-seed',
    roles: ['ministry_officer'],
    unitCode: 'VN',
    expiresIn: '30m',
  });
  const client = new Api(baseUrl, token);
  console.log(
    `[demo] loading ${demo.producers.length} producers and ${demo.products.length} products (${demo.source})`,
  );

  const producers = new Map<string, { id: string; name: string; legacyCommuneName: string }>();
  for (const producer of demo.producers) {
    const resolution = await client.get<{ legacy: { name: string }; current: { code: string }[] }>(
      `/admin-units/legacy/${producer.legacyCommuneCode}/current`,
    );
    const communeCode = resolution.current[0]?.code;
    if (!communeCode) throw new Error(`No current commune contains legacy unit ${producer.legacyCommuneCode}`);
    const created = await client.post<{ id?: string; code?: string; details?: { existingProducerId?: string } }>(
      '/producers',
      {
        taxCode: producer.taxCode,
        name: producer.name,
        legalForm: producer.legalForm,
        communeCode,
      },
    );
    const id = created.status === 201 ? created.body.id : created.body.details?.existingProducerId;
    if (!id) throw new Error(`Producer ${producer.name}: ${created.status} ${JSON.stringify(created.body)}`);
    producers.set(producer.key, { id, name: producer.name, legacyCommuneName: resolution.legacy.name });
  }

  let added = 0;
  let firstProductId: string | undefined;
  const cycle: CycleProduct[] = [];
  const register: RegisterEntry[] = [];
  const reEvaluations: ApplyingProduct[] = [];
  const products = progressLine('products');
  for (const [index, product] of demo.products.entries()) {
    const producer = producers.get(product.producerKey);
    if (!producer) throw new Error(`Product ${product.key} names unknown producer ${product.producerKey}`);
    const existing = await client.get<{ items: { id: string; name: string }[] }>(
      `/products?producerId=${producer.id}&limit=200`,
    );
    let id = existing.items.find((item) => item.name === product.name)?.id;
    if (!id) {
      const created = await client.post<{ id: string }>('/products', {
        producerId: producer.id,
        name: product.name,
        group: product.group,
      });
      if (created.status !== 201)
        throw new Error(`Product ${product.name}: ${created.status} ${JSON.stringify(created.body)}`);
      id = created.body.id;
      added += 1;
    }
    firstProductId ??= id;
    if (product.previousCertificate) {
      register.push({ productId: id, name: product.name, ...product.previousCertificate });
      if (product.kind === 're-evaluation') reEvaluations.push({ productId: id, name: product.name, producer });
    } else if (ROUNDS_2024.includes(product.round))
      cycle.push({ ...product, id, round: product.round as DemoRound, producer });
    products(index + 1, demo.products.length);
  }
  console.log(`[demo] ${added} products added, ${demo.products.length - added} already there`);
  if (firstProductId) console.log(`[demo] e.g. workflow product-${firstProductId} (search it in the Temporal UI)`);

  const registered = await recordRegister(
    new Api(evaluationUrl, token),
    client,
    demo.registerDecisions,
    register,
    progressLine('certificates from the register (certified, expired by their timers)'),
  );
  console.log(
    `[demo] ${register.length} products hold certificates from before the platform ` +
      `(${registered.recorded} recorded now, ${register.length - registered.recorded} already there)`,
  );

  const applications = await fileReEvaluations(
    client,
    reEvaluations,
    progressLine('applications for re-evaluation, with their documents'),
  );
  console.log(
    `[demo] ${reEvaluations.length} applications for re-evaluation ` +
      `(${applications.filed} filed now, ${reEvaluations.length - applications.filed} already there)`,
  );

  const summary = await runCycle(
    baseUrl,
    client,
    cycle,
    progressLine('cycle (selection → plan → dossier → pre-assessment)'),
  );
  console.log(
    `[demo] ${summary.products} new products of the June and October 2024 rounds pre-assessed by their communes: ` +
      `${summary.advanced} advanced now (${summary.steps} steps), ${summary.products - summary.advanced} already there`,
  );
  console.log(`[demo] registration done in ${((Date.now() - started) / 1000).toFixed(1)}s`);

  if (process.argv.includes('--no-rounds')) return;
  if (!existsSync(ROUNDS_SCRIPT)) throw new Error(`${ROUNDS_SCRIPT} is missing: build first (npx tsc -b)`);
  const rounds = spawnSync(process.execPath, [ROUNDS_SCRIPT], { stdio: 'inherit', env: process.env });
  if (rounds.status !== 0)
    throw new Error(`the evaluation rounds (${ROUNDS_SCRIPT}) failed (exit ${rounds.status ?? rounds.signal})`);

  if (process.argv.includes('--no-promotion')) return;
  if (!existsSync(PROMOTION_SCRIPT)) throw new Error(`${PROMOTION_SCRIPT} is missing: build first (npx tsc -b)`);
  const promotion = spawnSync(process.execPath, [PROMOTION_SCRIPT], { stdio: 'inherit', env: process.env });
  if (promotion.status !== 0)
    throw new Error(`the promotion demo (${PROMOTION_SCRIPT}) failed (exit ${promotion.status ?? promotion.signal})`);
}

main().catch((error: unknown) => {
  console.error(`[demo] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
