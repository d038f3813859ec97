// `node --import tsx scripts/load-webhooks.ts [--count 1000] [--concurrency 16] [--url URL]`
// Sends signed profile.updated deliveries to a webhook server on 127.0.0.1 and prints the
// throughput and the latency percentiles. Without --url it starts scripts/webhook-server.ts
// itself (a child process, a fresh SQLite file in a temp dir, a random secret) and stops it
// at the end; with --url, OMNEO_WEBHOOK_SECRET must be the server's secret. Bounded: every
// request has a 10 s timeout, and the script exits once all deliveries are answered.
// CUSTOMER_DB_SYNC=NORMAL in the environment is passed on to the server it starts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signWebhookBody } from '../src/server/signature.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
    profiles: { type: 'string', default: '100' },
    url: { type: 'string' },
  },
});
const count = Number(values.count);
const concurrency = Number(values.concurrency);
const profiles = Number(values.profiles);

/** Starts the real server on a free port; resolves with its URL, a stop function and its log count. */
async function startServer(secret: string) {
  const dir = mkdtempSync(join(tmpdir(), 'omneo-load-'));
  const script = fileURLToPath(new URL('./webhook-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
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
      }
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { url, stop, logged: () => logged };
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
const started = performance.now();
await Promise.all(
  Array.from({ length: Math.min(concurrency, count) }, async () => {
    for (let i = next++; i < count; i = next++) {
      const { body, signature } = deliveries[i] as { body: string; signature: string };
      const t0 = performance.now();
      let outcome: string;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-omneo-event': 'profile.updated', 'x-omneo-hmac-sha256': signature },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        const answer = (await response.json()) as { outcome?: string };
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
const sorted = latencies.sort((a, b) => a - b);
await server?.stop();

console.log(`deliveries   ${count} to ${profiles} profiles, ${concurrency} in flight, ${url}`);
console.log(`elapsed      ${seconds.toFixed(2)} s`);
console.log(`throughput   ${(count / seconds).toFixed(0)} deliveries/s`);
const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(`latency      p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1) ?? NaN)}`);
console.log(`outcomes     ${[...outcomes].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
if (server) console.log(`server log   ${server.logged()} delivery lines`);
const failed = [...outcomes].filter(([k]) => !k.startsWith('2')).reduce((sum, [, v]) => sum + v, 0);
process.exit(failed > 0 ? 1 : 0);
