#!/usr/bin/env node
/**
 * Loads the demo data (Lạng Giang district's 2024 OCOP plan, seed 003, table BIỂU 1) through the public
 * registration API, exactly as staff would enter it: every product goes through the outbox, the event
 * bus and evaluation into its Temporal workflow. Idempotent: producers are found by tax code, products by
 * name per producer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LegalForm, ProductGroup } from '@ocop/contracts';
import { localTokenSecret, mintLocalToken } from '@ocop/nest-common';

interface DemoFile {
  source: string;
  producers: { key: string; name: string; legalForm: LegalForm; legacyCommuneCode: string; taxCode: string }[];
  products: { key: string; name: string; producerKey: string; group: ProductGroup; kind: string; round: string }[];
}

interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<{ status: number; body: T }>;
}

const DEMO_FILE = join(__dirname, '..', '..', '..', 'services', 'registration', 'data', 'demo', 'lang-giang-2024.json');

function api(baseUrl: string, token: string): Api {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'en' };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: response.status, body: (await response.json()) as T };
  };
  return {
    get: async <T>(path: string) => {
      const { status, body } = await call<T>('GET', path);
      if (status !== 200) throw new Error(`GET ${path} → ${status} ${JSON.stringify(body)}`);
      return body;
    },
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
  };
}

async function main(): Promise<void> {
  const baseUrl = process.env['REGISTRATION_URL'] ?? `http://127.0.0.1:${process.env['REGISTRATION_HTTP_PORT'] ?? 3001}/api/v1`;
  const demo = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as DemoFile;
  const token = await mintLocalToken({ secret: localTokenSecret(), subject: 'demo-seed', roles: ['ministry_officer'], unitCode: 'VN', expiresIn: '10m' });
  const client = api(baseUrl, token);
  console.log(`[demo] loading ${demo.producers.length} producers and ${demo.products.length} products (${demo.source})`);

  const producerIds = new Map<string, string>();
  for (const producer of demo.producers) {
    const resolution = await client.get<{ current: { code: string }[] }>(`/admin-units/legacy/${producer.legacyCommuneCode}/current`);
    const communeCode = resolution.current[0]?.code;
    if (!communeCode) throw new Error(`No current commune contains legacy unit ${producer.legacyCommuneCode}`);
    const created = await client.post<{ id?: string; code?: string; details?: { existingProducerId?: string } }>('/producers', {
      taxCode: producer.taxCode,
      name: producer.name,
      legalForm: producer.legalForm,
      communeCode,
    });
    const id = created.status === 201 ? created.body.id : created.body.details?.existingProducerId;
    if (!id) throw new Error(`Producer ${producer.name}: ${created.status} ${JSON.stringify(created.body)}`);
    producerIds.set(producer.key, id);
  }

  let added = 0;
  let firstProductId: string | undefined;
  for (const [index, product] of demo.products.entries()) {
    const producerId = producerIds.get(product.producerKey);
    if (!producerId) throw new Error(`Product ${product.key} names unknown producer ${product.producerKey}`);
    const existing = await client.get<{ items: { id: string; name: string }[] }>(`/products?producerId=${producerId}&limit=200`);
    let id = existing.items.find((item) => item.name === product.name)?.id;
    if (!id) {
      const created = await client.post<{ id: string }>('/products', { producerId, name: product.name, group: product.group });
      if (created.status !== 201) throw new Error(`Product ${product.name}: ${created.status} ${JSON.stringify(created.body)}`);
      id = created.body.id;
      added += 1;
    }
    firstProductId ??= id;
    if (process.stdout.isTTY) process.stdout.write(`\r[demo] products ${index + 1}/${demo.products.length}`);
    else if ((index + 1) % 10 === 0) console.log(`[demo] products ${index + 1}/${demo.products.length}`);
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(`[demo] ${added} products added, ${demo.products.length - added} already there`);
  if (firstProductId) console.log(`[demo] e.g. workflow product-${firstProductId} (search it in the Temporal UI)`);
}

main().catch((error: unknown) => {
  console.error(`[demo] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
