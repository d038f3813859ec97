// `npm run load-webhooks -- [--count 1000] [--concurrency 16] [--store sqlite|postgres] [--workers N] [--url URL]`
// Sends signed profile.updated deliveries to a webhook server on 127.0.0.1 and prints the
// throughput, the latency percentiles and the receiver's CPU time per delivery (its processes,
// workers included, from /proc; not the load generator's, which shares the machine). Without
// --url it starts scripts/webhook-server.ts itself (a child process with --workers N, default
// 1; a fresh SQLite file in a temp dir, or with --store postgres a fresh database on
// DATABASE_URL, else on a throwaway PostgreSQL cluster; a random secret) and stops it at the
// end; with --url, OMNEO_WEBHOOK_SECRET must be the server's secret and no CPU is reported.
// Bounded: every request has a 10 s timeout, and the script exits once all are answered.
// CUSTOMER_DB_SYNC=NORMAL and WEBHOOK_LOG in the environment are passed on to the server.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Agent, request as httpRequest } from 'node:http';
import pg from 'pg';
import { migratePostgres } from '../src/server/postgres-migrations.js';
import { signWebhookBody } from '../src/server/signature.js';
import { startTempPostgres } from './temp-postgres.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
    profiles: { type: 'string', default: '100' },
    url: { type: 'string' },
    store: { type: 'string', default: 'sqlite' },
    workers: { type: 'string', default: '1' },
  },
});
if (values.store !== 'sqlite' && values.store !== 'postgres') throw new Error('--store is sqlite or postgres');
const count = Number(values.count);
const concurrency = Number(values.concurrency);
const profiles = Number(values.profiles);

/** A fresh, migrated PostgreSQL database: on DATABASE_URL's server, else on a throwaway cluster. */
async function postgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const given = process.env['DATABASE_URL'];
  const server = given ? null : await startTempPostgres();
  if (server) process.once('exit', () => server.stop());
  const adminUrl = given ?? server?.url ?? '';
  const name = `omneo_load_${process.pid}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const pool = new pg.Pool({ connectionString: url });
  await migratePostgres(pool);
  await pool.end();
  return {
    url,
    drop: async () => {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
      server?.stop();
    },
  };
}

/** CPU seconds (user + system) used so far by `pid` and every process under it. */
function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  const visit = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      for (const child of children ? children.split(' ') : []) visit(Number(child));
    } catch {
      // Gone, or not Linux: counted as nothing.
    }
  };
  visit(pid);
  return ticks / 100;
}

/** Starts the real server on a free port; resolves with its URL, a stop function and its log count. */
async function startServer(secret: string) {
  const dir = mkdtempSync(join(tmpdir(), 'omneo-load-'));
  const script = fileURLToPath(new URL('./webhook-server.ts', import.meta.url));
  const database = values.store === 'postgres' ? await postgresDatabase() : null;
  const storeArgs = database ? ['--store', 'postgres', '--database-url', database.url] : ['--store', 'sqlite'];
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...storeArgs, '--workers', String(values.workers)], {
    env: { ...process.env, OMNEO_WEBHOOK_SECRET: secret, CUSTOMER_DB: join(dir, 'customers.db'), PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let logged = 0;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const started = /listening on (http:\/\/\S+),/.exec(line);
        if (started?.[1]) {
          clearTimeout(timer);
          resolve(started[1]);
        } else if (line.includes(' profile.')) logged++;
        else if (line.includes(' summary ')) logged++;
      }
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => {
        rmSync(dir, { recursive: true, force: true });
        void (database?.drop() ?? Promise.resolve()).then(resolve);
      });
      child.kill('SIGTERM');
    });
  return { url, stop, logged: () => logged, cpu: () => treeCpuSeconds(child.pid ?? 0) };
}

function omneoTime(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const secret = values.url ? process.env['OMNEO_WEBHOOK_SECRET'] : crypto.randomUUID();
if (!secret) throw new Error('--url needs OMNEO_WEBHOOK_SECRET, the secret of that server.');
const server = values.url ? null : await startServer(secret);
const url = values.url ?? server?.url ?? '';

// Delivery i updates profile i % profiles, each profile's updated_at rising by a second a round.
const deliveries = await Promise.all(
  Array.from({ length: count }, async (_, i) => {
    const n = i % profiles;
    const body = JSON.stringify({
      data: {
        id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
        first_name: 'Load',
        last_name: `Test ${n}`,
        email: `load${n}@example.com`,
        tier: { name: 'Gold', handle: 'gold' },
        reward_balance: 10 + (i % 7),
        point_balance: i,
        point_balance_dollars: 1.5,
        combined_balance_dollars: 11.5 + (i % 7),
        flattened_tags: 'load',
        updated_at: omneoTime(Math.floor(i / profiles)),
      },
    });
    return { body, signature: await signWebhookBody(secret, body) };
  }),
);

const latencies: number[] = [];
const outcomes = new Map<string, number>();
let next = 0;
// node:http on kept-alive connections, not fetch: the generator shares the receiver's cores, so
// every millisecond it spends is one the receiver does not get.
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
function post(body: string, signature: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      agent,
      timeout: 10_000,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-omneo-event': 'profile.updated', 'x-omneo-hmac-sha256': signature },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

const cpuBefore = server?.cpu() ?? 0;
const ownCpuBefore = process.cpuUsage();
const started = performance.now();
await Promise.all(
  Array.from({ length: Math.min(concurrency, count) }, async () => {
    for (let i = next++; i < count; i = next++) {
      const { body, signature } = deliveries[i] as { body: string; signature: string };
      const t0 = performance.now();
      let outcome: string;
      try {
        const response = await post(body, signature);
        const answer = JSON.parse(response.text) as { outcome?: string };
        outcome = `${response.status} ${answer.outcome ?? ''}`.trim();
      } catch (error) {
        outcome = `failed: ${error instanceof Error ? error.name : String(error)}`;
      }
      latencies.push(performance.now() - t0);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const cpuSeconds = (server?.cpu() ?? 0) - cpuBefore;
const ownCpu = process.cpuUsage(ownCpuBefore);
agent.destroy();
const sorted = latencies.sort((a, b) => a - b);
await server?.stop();

const where = server ? `${values.store}, ${values.workers} worker(s)` : url;
console.log(`deliveries   ${count} to ${profiles} profiles, ${concurrency} in flight, ${where}`);
console.log(`elapsed      ${seconds.toFixed(2)} s`);
console.log(`throughput   ${(count / seconds).toFixed(0)} deliveries/s`);
const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(`latency      p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1) ?? NaN)}`);
console.log(`outcomes     ${[...outcomes].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
if (server) console.log(`receiver CPU ${((cpuSeconds * 1000) / count).toFixed(3)} ms a delivery (${cpuSeconds.toFixed(2)} s in all)`);
console.log(`load CPU     ${((ownCpu.user + ownCpu.system) / 1000 / count).toFixed(3)} ms a delivery (this generator, on the same cores)`);
if (server) console.log(`server log   ${server.logged()} lines`);
const failed = [...outcomes].filter(([k]) => !k.startsWith('2')).reduce((sum, [, v]) => sum + v, 0);
process.exit(failed > 0 ? 1 : 0);
