// `npm run webhook-server [-- --store sqlite|postgres] [--workers N] [--database-url URL]`:
// Omneo's profile-sync webhooks into a customer store, served by N processes on one port
// (node:cluster; default: one per core), all writing to the same store.
//   OMNEO_WEBHOOK_SECRET  the tenant's shared secret (required: refuses to start without it)
//   --store / CUSTOMER_STORE   sqlite (default) or postgres
//   CUSTOMER_DB           the SQLite file (default ./customers.db)
//   --database-url / DATABASE_URL   the PostgreSQL database (migrated first: npm run migrate)
//   --workers / WEBHOOK_WORKERS     processes serving the port (default: the machine's cores)
//   PORT                  the port (default 8787; 0 picks a free one)
//   HOST                  the interface (default: all)
//   CUSTOMER_DB_SYNC      FULL (default: an answered delivery survives a power cut) or NORMAL
//                         (several times faster on a slow disk; a power cut may lose the last few)
//   HEADERS_TIMEOUT_MS    the most time a sender has for the request's headers (default 5000)
//   BODY_TIMEOUT_MS       the most time for the body after them (default 5000); a slower sender
//                         gets a 408 and its connection closed
//   WEBHOOK_LOG           `each`: one line per delivery. `volume` (default): one line per
//                         delivery up to 20 a second per process, past that one summary line a
//                         second with the count of each outcome; failures and deliveries kept
//                         aside are always logged one by one.
// A line says: time, event, profile id, status, outcome, and for a signed delivery kept aside
// unapplied, the reason and the fields at fault. Never the secret, the signature or the
// profile's personal fields. Only POST is served (405 otherwise). A store failure is answered
// 503. Stops cleanly on SIGINT / SIGTERM. A worker that dies is replaced.
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { createProfileWebhookProcessor, toNodeWebhookListener, webhookServerOptions } from '../src/server/index.js';
import { nodeSignatureVerifier } from '../src/server/node-signature.js';
import type { CustomerStore, WebhookDelivery } from '../src/server/index.js';

function fail(message: string): never {
  console.error(`webhook-server: ${message}`);
  process.exit(1);
}

const { values: args } = (() => {
  try {
    return parseArgs({
      options: { store: { type: 'string' }, workers: { type: 'string' }, 'database-url': { type: 'string' } },
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();
const secret = process.env['OMNEO_WEBHOOK_SECRET'];
if (!secret) fail('OMNEO_WEBHOOK_SECRET is not set; refusing to accept unsigned webhooks.');
const storeKind = args.store ?? process.env['CUSTOMER_STORE'] ?? 'sqlite';
if (storeKind !== 'sqlite' && storeKind !== 'postgres') fail(`--store must be sqlite or postgres, got ${storeKind}.`);
const databaseUrl = args['database-url'] ?? process.env['DATABASE_URL'];
const dbPath = process.env['CUSTOMER_DB'] || './customers.db';
const workers = Number(args.workers ?? process.env['WEBHOOK_WORKERS'] ?? availableParallelism());
if (!Number.isSafeInteger(workers) || workers < 1 || workers > 64) fail(`--workers must be a whole number from 1 to 64, got ${args.workers}.`);
const port = Number(process.env['PORT'] || 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, got ${process.env['PORT']}.`);
const host = process.env['HOST'] || undefined;
const synchronous = (process.env['CUSTOMER_DB_SYNC'] || 'FULL').toUpperCase() as 'FULL' | 'NORMAL';
if (synchronous !== 'FULL' && synchronous !== 'NORMAL') fail(`CUSTOMER_DB_SYNC must be FULL or NORMAL, got ${synchronous}.`);
const logMode = process.env['WEBHOOK_LOG'] || 'volume';
if (logMode !== 'each' && logMode !== 'volume') fail(`WEBHOOK_LOG must be each or volume, got ${logMode}.`);

function milliseconds(name: string, fallback: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isSafeInteger(value) || value <= 0) fail(`${name} must be a positive number of milliseconds, got ${process.env[name]}.`);
  return value;
}
const timeouts = { headersTimeoutMs: milliseconds('HEADERS_TIMEOUT_MS', 5000), bodyTimeoutMs: milliseconds('BODY_TIMEOUT_MS', 5000) };
const where = storeKind === 'sqlite' ? dbPath : 'PostgreSQL';

/** Opens the store, or stops the process with a message that says why (never the password). */
async function openStore(): Promise<CustomerStore> {
  try {
    if (storeKind === 'postgres') {
      const { openPostgresCustomerStore } = await import('../src/server/postgres-store.js');
      return await openPostgresCustomerStore({ connectionString: databaseUrl, onConnectionError: () => undefined });
    }
    const { sqliteCustomerStore } = await import('../src/server/sqlite-store.js');
    return sqliteCustomerStore(dbPath, { synchronous });
  } catch (error) {
    return fail(`cannot open the ${storeKind} customer store: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Lines per second, per process, before `volume` logging switches to a summary a second. */
const LINES_PER_SECOND = 20;
let secondStarted = 0;
let linesThisSecond = 0;
const unlogged = new Map<string, number>();

function line(delivery: WebhookDelivery): string {
  const { event, profileId, status, outcome, posCustomerId, reason, issues } = delivery;
  const pos = posCustomerId === null ? '' : ` pos=${posCustomerId}`;
  // Issue paths only: their messages are the schema's, but a path is all an operator needs.
  const at = issues?.length ? ` at=${issues.map((i) => i.path.replace(/[^\w.-]/g, '?') || '.').join(',')}` : '';
  const why = reason ? ` reason=${reason}${at}` : '';
  return `${new Date().toISOString()} ${event ?? '-'} ${profileId ?? '-'} ${status} ${outcome}${pos}${why}`;
}

function flushSummary(): void {
  if (unlogged.size === 0) return;
  const counts = [...unlogged].map(([key, n]) => `${key}: ${n}`).join(', ');
  const total = [...unlogged.values()].reduce((a, b) => a + b, 0);
  unlogged.clear();
  console.log(`${new Date().toISOString()} summary ${total} more deliveries (${counts})`);
}

function log(delivery: WebhookDelivery): void {
  const always = delivery.outcome === 'error' || delivery.outcome === 'kept-unappliable';
  if (logMode === 'volume' && !always) {
    const now = Date.now();
    if (now - secondStarted >= 1000) {
      flushSummary();
      secondStarted = now;
      linesThisSecond = 0;
    }
    if (++linesThisSecond > LINES_PER_SECOND) {
      const key = `${delivery.status} ${delivery.outcome}`;
      unlogged.set(key, (unlogged.get(key) ?? 0) + 1);
      return;
    }
  }
  console.log(line(delivery));
  if (delivery.outcome === 'error') {
    const error = delivery.error;
    console.error('webhook-server: the store failed:', error instanceof Error ? error.message : error);
  }
}

async function serve(): Promise<void> {
  const store = await openStore();
  // Node's own HMAC and the light Node path (no Web Request/Response a delivery): see node.ts.
  const processDelivery = createProfileWebhookProcessor({
    secret: secret as string,
    store,
    onEvent: log,
    verifySignature: nodeSignatureVerifier(secret as string),
  });
  const server = createServer(webhookServerOptions(timeouts), toNodeWebhookListener(processDelivery, { allowedMethods: ['POST'] }));
  const summaries = setInterval(flushSummary, 1000).unref();
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  if (cluster.isWorker) process.send?.({ listening: address });
  else console.log(`webhook-server: listening on http://${address.address}:${address.port}, customers in ${where}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!cluster.isWorker) console.log(`webhook-server: ${signal}, stopping`);
    server.close(() => {
      clearInterval(summaries);
      flushSummary();
      void store.close().then(() => process.exit(0));
    });
    server.closeIdleConnections();
    // Deliveries still running get a moment to finish; Omneo retries any that do not.
    setTimeout(() => server.closeAllConnections(), 2000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // A worker whose primary is gone (killed) stops too, rather than serve on alone.
  if (cluster.isWorker) process.on('disconnect', () => stop('primary gone'));
}

/** The primary: checks the store once, forks the workers, reports the port, replaces the dead. */
async function supervise(): Promise<void> {
  // Open once here first: a bad URL, a database that is down or unmigrated stops the server
  // before any worker starts, and SQLite creates its file and schema once, not in a race.
  await (await openStore()).close();
  let stopping = false;
  let listening = 0;
  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: { listening?: AddressInfo }) => {
      if (message.listening && ++listening === workers) {
        const { address, port: bound } = message.listening;
        console.log(`webhook-server: listening on http://${address}:${bound}, customers in ${where}, ${workers} workers`);
      }
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`webhook-server: worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  for (let i = 0; i < workers; i++) fork();
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`webhook-server: ${signal}, stopping`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (workers === 1 || cluster.isWorker) await serve();
else await supervise();
