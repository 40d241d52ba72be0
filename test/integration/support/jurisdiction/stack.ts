import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  createTestNamespace,
  migrateDatabase,
  startHttpApp,
  TestDatabase,
  TestNatsServer,
  TEMPORAL_ADDRESS,
} from '@ocop/testing';
import { evaluationDataSource } from '../../../../services/evaluation/src/database/data-source';
import { promotionDataSource } from '../../../../services/promotion/src/database/data-source';
import { registrationDataSource } from '../../../../services/registration/src/database/data-source';
import { reportingDataSource } from '../../../../services/reporting/src/database/data-source';

export const SERVICES = ['registration', 'evaluation', 'promotion', 'reporting'] as const;
export type Service = (typeof SERVICES)[number];

/** Each service's API module, imported lazily (a module reads its configuration when imported). */
export const API_MODULES: Record<Service, () => Promise<Type<unknown>>> = {
  registration: async () => (await import('../../../../services/registration/src/app.module')).RegistrationApiModule,
  evaluation: async () => (await import('../../../../services/evaluation/src/app.module')).EvaluationApiModule,
  promotion: async () => (await import('../../../../services/promotion/src/app.module')).PromotionApiModule,
  reporting: async () => (await import('../../../../services/reporting/src/app.module')).ReportingApiModule,
};

const DATA_SOURCES: Record<Service, (url?: string) => DataSource> = {
  registration: registrationDataSource,
  evaluation: evaluationDataSource,
  promotion: promotionDataSource,
  reporting: reportingDataSource,
};

/**
 * The four APIs in this process on one test database (each service in its own schema, as in production),
 * one NATS server of their own (registration answers the unit tree over it, events flow between them) and
 * a Temporal namespace of their own on the dev server (workflows are started, no worker runs them).
 */
export class PlatformStack {
  private constructor(
    readonly db: TestDatabase,
    readonly nats: TestNatsServer,
    readonly temporal: Awaited<ReturnType<typeof createTestNamespace>>,
    readonly apps: Record<Service, INestApplication>,
    /** Where registration stores dossier documents and photos. */
    readonly storageDir: string,
  ) {}

  static async start(label: string): Promise<PlatformStack> {
    const storageDir = mkdtempSync(join(tmpdir(), 'ocop-jurisdiction-'));
    const db = await TestDatabase.create(label);
    let nats: TestNatsServer | undefined;
    let temporal: Awaited<ReturnType<typeof createTestNamespace>> | undefined;
    const apps: Partial<Record<Service, INestApplication>> = {};
    try {
      for (const service of SERVICES) await migrateDatabase(DATA_SOURCES[service], service, db.url);
      nats = await TestNatsServer.start();
      temporal = await createTestNamespace(label);
      const env = {
        DATABASE_URL: db.url,
        DATABASE_POOL_SIZE: '6',
        NATS_URL: nats.url,
        TEMPORAL_ADDRESS,
        TEMPORAL_NAMESPACE: temporal.namespace,
        DOCUMENT_STORAGE: 'local',
        DOCUMENT_STORAGE_DIR: storageDir,
        PUBLIC_VERIFY_RATE_PER_MINUTE: '10000',
        NOTIFY_DELIVERY_INTERVAL_MS: '60000',
      };
      for (const service of SERVICES) apps[service] = (await startHttpApp(API_MODULES[service], env)).app;
      return new PlatformStack(db, nats, temporal, apps as Record<Service, INestApplication>, storageDir);
    } catch (error) {
      for (const app of Object.values(apps)) await app.close().catch(() => undefined);
      await temporal?.close();
      await nats?.stop();
      await db.drop();
      rmSync(storageDir, { recursive: true, force: true });
      throw error;
    }
  }

  async close(): Promise<void> {
    // Schedules would go on starting workflows in the namespace after the test: delete them.
    for await (const schedule of this.temporal.client.schedule.list())
      await this.temporal.client.schedule
        .getHandle(schedule.scheduleId)
        .delete()
        .catch(() => undefined);
    for (const service of [...SERVICES].reverse()) await this.apps[service].close().catch(() => undefined);
    await this.temporal.close();
    await this.nats.stop();
    await this.db.drop();
    rmSync(this.storageDir, { recursive: true, force: true });
  }

  async count(table: string): Promise<number> {
    return Number((await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  }

  /** Files registration stored (dossier and application documents, photos). */
  storedFiles(): number {
    return readdirSync(this.storageDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
      .length;
  }

  /** Waits until no service writes anything for two seconds (the fixtures' events are all handled). */
  async settled(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = JSON.stringify(await this.footprint());
    let quiet = 0;
    while (quiet < 4) {
      if (Date.now() > deadline) throw new Error(`the services kept writing for ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const now = JSON.stringify(await this.footprint());
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
  }

  /**
   * What a request could have written, per service: its audit log (change_record), its outbox, the events it
   * handled (inbox), and registration's stored files.
   */
  async footprint(): Promise<Record<string, number>> {
    const counts: Record<string, number> = { 'registration.files': this.storedFiles() };
    for (const service of SERVICES)
      for (const table of ['change_record', 'outbox_event', 'inbox_event'])
        counts[`${service}.${table}`] = await this.count(`${service}.${table}`);
    return counts;
  }
}
