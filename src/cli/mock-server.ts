/**
 * `omneo-pos-kit mock-server [--port 4010] [--latency ms]`: the mock Omneo tenant over plain HTTP
 * on 127.0.0.1, so a till in any stack (bundler or not, no msw in the page) develops against the
 * same tenant the kit's tests, stories and demo use. Node only; needs `msw` installed (the
 * tenant's routes are msw handlers, answered here in Node).
 *
 * - `/api/v3/...` (any prefix, both route forms): the tenant. Any bearer token is accepted.
 * - CORS for pages served from another port of localhost / 127.0.0.1 / [::1].
 * - `GET /__mock`: the seed members and the switches below.
 * - `POST /__mock/faults` `{ "kind": "failNext", "count": 2, "status": 503, "match": { "method": "POST", "path": "/redemptions" } }`
 *   (kinds: latency {ms}, failNext, dropNextAnswer, malformNext {body?}, rateLimitNext {retryAfter?}, clear);
 *   `DELETE /__mock/faults` clears them.
 * - `POST /__mock/clock` `{ "advanceMs": 660000 }`: the tenant's clock, which otherwise follows the wall clock.
 * - `POST /__mock/reset`: a fresh tenant from the seed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultMatch, MockTenant } from '../mocks/index.js';

type MocksModule = typeof import('../mocks/index.js');

export interface MockServerOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Latency of every answer, in ms. */
  latencyMs?: number;
}

export interface MockServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The base URL a till gives `fetchTransport`: `<origin>/api/v3`. */
  baseUrl: string;
  /** The tenant answering now (`POST /__mock/reset` replaces it). */
  readonly tenant: MockTenant;
  close(): Promise<void>;
}

/** Only pages on this machine may call the mock from another origin. */
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
/** The tenant's request log is for tests; a long-running server keeps only the latest. */
const REQUEST_LOG_LIMIT = 1000;

async function loadMocks(): Promise<MocksModule> {
  try {
    return await import('../mocks/index.js');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && /'msw/.test(String(error))) {
      throw new Error('mock-server needs msw (an optional peer dependency of omneo-pos-kit): npm i -D msw', { cause: error });
    }
    throw error;
  }
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !LOCAL_ORIGIN.test(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type, accept',
    'access-control-expose-headers': 'retry-after',
    'access-control-max-age': '600',
    vary: 'origin',
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Node's request as a Web `Request` for the tenant's `fetch`. */
function toWebRequest(req: IncomingMessage, body: Buffer, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && body.length > 0;
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers, body: hasBody ? new Uint8Array(body) : null });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Applies one `POST /__mock/faults` body to the tenant's fault switches. */
function applyFault(tenant: MockTenant, body: Record<string, unknown>): void {
  const match = body['match'] as FaultMatch | undefined;
  const count = body['count'] === undefined ? 1 : Number(body['count']);
  switch (body['kind']) {
    case 'latency':
      return tenant.faults.latency(Number(body['ms']));
    case 'failNext':
      return tenant.faults.failNext(count, Number(body['status'] ?? 500), match);
    case 'dropNextAnswer':
      return tenant.faults.dropNextAnswer(match);
    case 'malformNext':
      return tenant.faults.malformNext(match, body['body'] === undefined ? undefined : String(body['body']));
    case 'rateLimitNext':
      return tenant.faults.rateLimitNext(count, body['retryAfter'] === undefined ? undefined : String(body['retryAfter']), match);
    case 'clear':
      return tenant.faults.clear();
    default:
      throw new RangeError('kind must be one of latency, failNext, dropNextAnswer, malformNext, rateLimitNext, clear.');
  }
}

/** Starts the server; resolves once it listens. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const mocks = await loadMocks();
  const fresh = () => mocks.createMockTenant({ now: Date.now(), ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}) });
  let tenant = fresh();
  let clockOffset = 0;
  let origin = '';

  async function control(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, cors: Record<string, string>) {
    let input: Record<string, unknown> = {};
    try {
      if (body.length) input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, { message: 'The body is not JSON.' }, cors);
    }
    if (req.method === 'GET' && path === '/__mock') {
      return sendJson(res, 200, { baseUrl: `${origin}/api/v3`, seed: mocks.SEED, switches: ['POST /__mock/faults', 'DELETE /__mock/faults', 'POST /__mock/clock', 'POST /__mock/reset'] }, cors);
    }
    if (path === '/__mock/faults' && req.method === 'DELETE') {
      tenant.faults.clear();
      return sendJson(res, 200, { ok: true }, cors);
    }
    if (path === '/__mock/faults' && req.method === 'POST') {
      try {
        applyFault(tenant, input);
      } catch (error) {
        return sendJson(res, 400, { message: (error as Error).message }, cors);
      }
      return sendJson(res, 200, { ok: true }, cors);
    }
    if (path === '/__mock/clock' && req.method === 'POST') {
      clockOffset += Number(input['advanceMs'] ?? 0);
      tenant.clock.set(Date.now() + clockOffset);
      return sendJson(res, 200, { now: new Date(tenant.clock.now()).toISOString() }, cors);
    }
    if (path === '/__mock/reset' && req.method === 'POST') {
      tenant = fresh();
      clockOffset = 0;
      return sendJson(res, 200, { ok: true }, cors);
    }
    return sendJson(res, 404, { message: 'Unknown mock switch.' }, cors);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = corsHeaders(req);
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path === '/__mock' || path.startsWith('/__mock/')) return control(req, res, path, body, cors);
    if (tenant.requests.length > REQUEST_LOG_LIMIT) tenant.requests.length = 0;
    tenant.clock.set(Date.now() + clockOffset);
    let answer: Response;
    try {
      answer = await tenant.fetch(toWebRequest(req, body, origin));
    } catch {
      // A dropped answer (the write was applied): the connection closes with no response, as
      // a real network would lose it.
      return void res.socket?.destroy();
    }
    const headers: Record<string, string> = { ...cors };
    answer.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'content-encoding') headers[name] = value;
    });
    res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) sendJson(res, 500, { message: 'The mock server failed.' }, corsHeaders(req));
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    origin,
    baseUrl: `${origin}/api/v3`,
    get tenant() {
      return tenant;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function usage(): string {
  return 'usage: omneo-pos-kit mock-server [--port 4010] [--latency ms]';
}

/** The command: parses its options, starts the server, prints where it listens. Resolves to an exit code, or never while serving. */
export async function runMockServerCommand(args: string[], io: { out(line: string): void; err(line: string): void }): Promise<number | undefined> {
  const options: MockServerOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if (arg === '--help' || arg === '-h') {
      io.out(usage());
      return 0;
    }
    if ((arg === '--port' || arg === '--latency') && value !== undefined && /^\d+$/.test(value)) {
      if (arg === '--port') options.port = Number(value);
      else options.latencyMs = Number(value);
      i++;
      continue;
    }
    io.err(usage());
    return 2;
  }
  let server: MockServer;
  try {
    server = await startMockServer(options);
  } catch (error) {
    io.err(`mock-server: ${(error as Error).message}`);
    return 1;
  }
  io.out(`Mock Omneo tenant on ${server.baseUrl}`);
  const { SEED } = await loadMocks();
  io.out(`Seed members: Ava Nguyen (card ${SEED.ava.card}), Noah Smith (card ${SEED.noah.card}); the rest and the fault switches: ${server.origin}/__mock`);
  return undefined;
}
