import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { CATALOG_DATABASES } from './catalog-databases.js';

interface Exchange {
  /** What the server sent, and when its first byte and the socket's close came (ms after connecting). */
  response: string;
  answeredAt: number;
  closedAt: number;
  /** Body bytes the client had sent when the answer came. */
  sentWhenAnswered: number;
}

/**
 * A client over a real socket: sends `head`, then the body one `chunk` every `everyMs` until `bodyBytes` are
 * sent or the server answers or closes; resolves when the server closes the socket (or after `giveUpMs`).
 */
function slowClient(
  port: number,
  head: string,
  options: { bodyBytes: number; chunk: string; everyMs: number; giveUpMs?: number },
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let response = '';
    let answeredAt = -1;
    let sent = 0;
    let sentWhenAnswered = -1;
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(head);
      const send = () => {
        if (socket.destroyed || answeredAt >= 0 || sent >= options.bodyBytes) return;
        const piece = options.chunk.slice(0, options.bodyBytes - sent);
        socket.write(piece);
        sent += piece.length;
        setTimeout(send, options.everyMs);
      };
      send();
    });
    const giveUpMs = options.giveUpMs ?? 15_000;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server had not closed the socket after ${giveUpMs} ms; it sent: ${response}`));
    }, giveUpMs);
    socket.on('data', (data) => {
      if (answeredAt < 0) {
        answeredAt = Date.now() - started;
        sentWhenAnswered = sent;
      }
      response += data.toString();
    });
    socket.on('error', () => undefined); // a reset after the answer is a close too
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ response, answeredAt, closedAt: Date.now() - started, sentWhenAnswered });
    });
  });
}

const status = (exchange: Exchange) => Number(/^HTTP\/1\.1 (\d{3})/.exec(exchange.response)?.[1]);

// Over a real port: what a client that sends slowly, or sends a body it may not send, gets and how soon.
describe.each(CATALOG_DATABASES)('the service’s request limits on $name', ({ open }) => {
  let database: ServiceDatabase;
  let app: FastifyInstance;
  let port: number;
  let reader: string;
  let writer: string;
  const post = (path: string, length: number, extra = '') =>
    `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n${extra}\r\n`;

  beforeAll(async () => {
    database = await open();
    reader = await createApiKey(database.db, 'rita', 'reader');
    writer = await createApiKey(database.db, 'wendy', 'writer');
    app = await buildServiceApp({ db: database.db, timeouts: { request: 1500, keepAlive: 500 } });
    port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  it.each([
    ['an anonymous caller', '', 401],
    ['a reader', 'reader', 403],
  ])(
    'answers %s posting to a writer route before reading the body, and closes the socket',
    async (_who, role, code) => {
      const key = role === 'reader' ? `authorization: Bearer ${reader}\r\n` : '';
      // 60 000 bytes announced, 1 000 a second sent: the whole body would take a minute.
      const exchange = await slowClient(port, post('/api/v1/swtags', 60_000, key), {
        bodyBytes: 60_000,
        chunk: `{"a":"${'x'.repeat(994)}`,
        everyMs: 1000,
      });
      expect(status(exchange)).toBe(code);
      expect(exchange.sentWhenAnswered).toBeLessThan(60_000);
      expect(exchange.answeredAt).toBeLessThan(1000);
      expect(exchange.response).toMatch(/\r\nconnection: close\r\n/i);
      expect(exchange.closedAt).toBeLessThan(1200);
    },
  );

  it('sends an anonymous form post to log in before reading its body', async () => {
    const head =
      'POST /swtags HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\n' +
      'content-length: 50000\r\n\r\n';
    const exchange = await slowClient(port, head, {
      bodyBytes: 50_000,
      chunk: 'TAGTYPE=' + 'x'.repeat(992),
      everyMs: 1000,
    });
    expect(status(exchange)).toBe(303);
    expect(exchange.response).toContain('\r\nlocation: /login?next=%2F\r\n');
    expect(exchange.answeredAt).toBeLessThan(1000);
  });

  it.each([
    ['an anonymous AMI command', '/ami/command', ''],
    ['a writer’s SW-Tag', '/api/v1/swtags', 'writer'],
  ])('cuts off %s trickled in slower than the request timeout (1.5 s)', async (_what, path, role) => {
    const key = role ? `authorization: Bearer ${writer}\r\n` : '';
    // 2 000 bytes, 10 every 100 ms: 20 s if it were let.
    const exchange = await slowClient(port, post(path, 2000, key), {
      bodyBytes: 2000,
      chunk: ' '.repeat(10),
      everyMs: 100,
    });
    expect(status(exchange)).toBe(408);
    // Node checks its limits once a second here (serverTimeoutOptions), not every 30 s as by default.
    expect(exchange.closedAt).toBeGreaterThanOrEqual(1400);
    expect(exchange.closedAt).toBeLessThan(3500);
  });

  it('closes a connection that sends nothing, and a keep-alive one left idle', async () => {
    const silent = await slowClient(port, '', { bodyBytes: 0, chunk: '', everyMs: 100 });
    expect(status(silent)).toBe(408);
    expect(silent.closedAt).toBeLessThan(3500);
    const kept = await slowClient(port, 'GET /api/v1/swtags HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n', {
      bodyBytes: 0,
      chunk: '',
      everyMs: 100,
    });
    expect(status(kept)).toBe(200);
    expect(kept.closedAt - kept.answeredAt).toBeLessThan(3000);
  });

  it('gives the server its timeouts (the idle one is longer than a synchronous image build)', () => {
    expect(app.server.requestTimeout).toBe(1500);
    expect(app.server.headersTimeout).toBe(1500);
    expect(app.server.keepAliveTimeout).toBe(500);
    expect(app.server.timeout).toBe(31 * 60_000);
  });
});
