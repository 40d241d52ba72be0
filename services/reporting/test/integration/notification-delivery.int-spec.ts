import { createHmac } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { DataSource } from 'typeorm';
import { startServiceTestApp, eventually, type ServiceTestApp } from '@ocop/testing';
import { reportingDataSource } from '../../src/database/data-source';
import { NotificationService } from '../../src/notification/notification.service';

jest.setTimeout(60_000);

interface Mail {
  from: string;
  to: string[];
  data: string;
}

/** Just enough SMTP to receive what nodemailer sends (no TLS, no auth). */
function fakeSmtp(mails: Mail[]): Promise<{ server: TcpServer; port: number }> {
  const server = createTcpServer((socket) => {
    let mail: Mail = { from: '', to: [], data: '' };
    let inData = false;
    let buffer = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            mails.push(mail);
            mail = { from: '', to: [], data: '' };
            socket.write('250 queued\r\n');
          } else mail.data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-fake\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') {
          mail.from = line;
          socket.write('250 ok\r\n');
        } else if (verb === 'RCPT') {
          mail.to.push(/<([^>]+)>/.exec(line)?.[1] ?? line);
          socket.write('250 ok\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })),
  );
}

/** Notifications go on to the webhook (signed) and by e-mail to the unit's contacts; failures are retried, then marked. */
describe('reporting: notification delivery (webhook, SMTP)', () => {
  let testApp: ServiceTestApp | undefined;
  let webhook: Server;
  let smtp: TcpServer;
  const received: { body: string; signature: string | undefined }[] = [];
  const mails: Mail[] = [];
  let failing = false;

  beforeAll(async () => {
    webhook = createHttpServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        if (failing) {
          response.statusCode = 503;
          response.end();
          return;
        }
        received.push({ body, signature: request.headers['x-ocop-signature'] as string | undefined });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    const fake = await fakeSmtp(mails);
    smtp = fake.server;
    testApp = await startServiceTestApp({
      label: 'notify',
      schema: 'reporting',
      dataSource: reportingDataSource,
      loadModule: async () => (await import('../../src/app.module')).ReportingApiModule,
      env: {
        NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as { port: number }).port}/hook`,
        NOTIFY_WEBHOOK_SECRET: 'webhook-secret-0123456789',
        SMTP_URL: `smtp://127.0.0.1:${fake.port}`,
        SMTP_FROM: 'OCOP <ocop@example.vn>',
        NOTIFY_DELIVERY_INTERVAL_MS: '200',
        NOTIFY_DELIVERY_MAX_ATTEMPTS: '2',
      },
    });
  });

  afterAll(async () => {
    await testApp?.close();
    webhook?.close();
    smtp?.close();
  });

  const post = async (sourceKey: string, unitCode: string) => {
    const app = testApp!.app;
    await app
      .get(DataSource)
      .transaction((manager) =>
        app
          .get(NotificationService)
          .post(manager, [
            {
              sourceKey,
              kind: 'report_reminder',
              unitCode,
              title: 'Nhắc gửi báo cáo Tháng 3/2026',
              body: 'Hạn gửi: trước ngày 20/03/2026.',
            },
          ]),
      );
  };

  it('POSTs each notification once, signed, and e-mails it to the unit’s contacts', async () => {
    await testApp!.db.query(
      `INSERT INTO reporting.unit_contact (unit_code, emails, updated_by) VALUES ('07432', '{ocop@tandinh.gov.vn,ubnd@tandinh.gov.vn}', 'test')`,
    );
    await post('test:1', '07432');
    await post('test:1', '07432'); // the same source: stored once
    await eventually(() => expect(received).toHaveLength(1));
    const { body, signature } = received[0]!;
    expect(JSON.parse(body)).toEqual(
      expect.objectContaining({ kind: 'report_reminder', unitCode: '07432', title: 'Nhắc gửi báo cáo Tháng 3/2026' }),
    );
    expect(signature).toBe(`sha256=${createHmac('sha256', 'webhook-secret-0123456789').update(body).digest('hex')}`);
    await eventually(() => expect(mails).toHaveLength(1));
    expect(mails[0]!.to.sort()).toEqual(['ocop@tandinh.gov.vn', 'ubnd@tandinh.gov.vn']);
    expect(mails[0]!.data).toContain('Subject:');
    // The delivery state is committed after the server has the mail: wait for it.
    await eventually(async () => {
      const rows = await testApp!.db.query<{ webhook_state: string; email_state: string }>(
        `SELECT webhook_state, email_state FROM reporting.notification WHERE source_key = 'test:1'`,
      );
      expect(rows).toEqual([{ webhook_state: 'sent', email_state: 'sent' }]);
    });
  });

  it('retries a failing webhook with back-off, then marks it failed; a unit without contacts gets no e-mail', async () => {
    failing = true;
    await post('test:2', '07375');
    await eventually(
      async () => {
        const rows = await testApp!.db.query<{ webhook_state: string; email_state: string; delivery_attempts: number }>(
          `SELECT webhook_state, email_state, delivery_attempts FROM reporting.notification WHERE source_key = 'test:2'`,
        );
        expect(rows).toEqual([{ webhook_state: 'failed', email_state: 'none', delivery_attempts: 2 }]);
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    failing = false;
  });
});
