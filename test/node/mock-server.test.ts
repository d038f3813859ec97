/**
 * `omneo-pos-kit mock-server` over real HTTP: the kit's client through `fetchTransport` and
 * Node's fetch, a browser's CORS preflight, and the fault switches posted as JSON.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createOmneoClient, fetchTransport, OmneoNetworkError, OmneoServerError, OmneoUnexpectedResponseError } from '../../src/client/index.ts';
import { SEED } from '../../src/mocks/index.ts';
import { startMockServer, type MockServer } from '../../src/cli/mock-server.ts';

describe('omneo-pos-kit mock-server', () => {
  let server: MockServer;
  const client = () =>
    createOmneoClient({ transport: fetchTransport({ baseUrl: server.baseUrl, token: 'any-token' }), retry: { retries: 0 } });
  const post = (path: string, body: unknown) =>
    fetch(`${server.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    server = await startMockServer({ port: 0 });
  });
  after(() => server.close());

  it('answers the client with the seed members on 127.0.0.1', async () => {
    assert.match(server.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
    const match = await client().identities.lookup('loyalty-card', SEED.ava.card);
    assert.equal(match?.profileId, SEED.ava.id);
    const ava = await client().profiles.get(SEED.ava.id);
    assert.equal(ava.balances?.rewardCents, 2500);
  });

  it('keeps state between requests: a redemption lowers the balance', async () => {
    await client().redemptions.redeemRewards(SEED.noah.id, { amountCents: 1000, saleId: 'http-sale-1' });
    assert.equal((await client().profiles.get(SEED.noah.id)).balances?.rewardCents, 4000);
    await post('/__mock/reset', {});
    assert.equal((await client().profiles.get(SEED.noah.id)).balances?.rewardCents, 5000);
  });

  it('lets a till on another localhost port call it (CORS preflight), and no other site', async () => {
    const preflight = await fetch(`${server.baseUrl}/profiles/${SEED.ava.id}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/);
    const read = await fetch(`${server.baseUrl}/profiles/${SEED.ava.id}`, { headers: { origin: 'http://127.0.0.1:8080', authorization: 'Bearer t' } });
    assert.equal(read.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8080');
    const elsewhere = await fetch(`${server.baseUrl}/profiles/${SEED.ava.id}`, { headers: { origin: 'https://evil.example', authorization: 'Bearer t' } });
    assert.equal(elsewhere.headers.get('access-control-allow-origin'), null);
  });

  it('switches faults on over HTTP: 5xx, malformed bodies, dropped answers, then clear', async () => {
    assert.equal((await post('/__mock/faults', { kind: 'failNext', count: 1, status: 503, match: { method: 'GET' } })).status, 200);
    await assert.rejects(client().profiles.get(SEED.ava.id), OmneoServerError);
    await post('/__mock/faults', { kind: 'malformNext' });
    await assert.rejects(client().profiles.get(SEED.ava.id), OmneoUnexpectedResponseError);
    // The write lands, its answer is lost: the connection closes with no response.
    await post('/__mock/faults', { kind: 'dropNextAnswer', match: { method: 'POST' } });
    await assert.rejects(client().redemptions.redeemRewards(SEED.noah.id, { amountCents: 700, saleId: 'http-sale-2' }), OmneoNetworkError);
    assert.ok(await client().redemptions.findBySaleId(SEED.noah.id, 'http-sale-2'), 'the dropped write was applied');
    await post('/__mock/faults', { kind: 'failNext', count: 3, status: 500 });
    assert.equal((await fetch(`${server.origin}/__mock/faults`, { method: 'DELETE' })).status, 200);
    assert.equal((await client().profiles.get(SEED.ava.id)).balances?.rewardCents, 2500);
    const bad = await post('/__mock/faults', { kind: 'explode' });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { message: string }).message, /kind must be one of/);
  });

  it('lists the seed and the switches at /__mock', async () => {
    const info = (await (await fetch(`${server.origin}/__mock`)).json()) as { baseUrl: string; seed: typeof SEED; switches: string[] };
    assert.equal(info.baseUrl, server.baseUrl);
    assert.equal(info.seed.ava.card, SEED.ava.card);
    assert.ok(info.switches.includes('POST /__mock/faults'));
  });

  it('runs as `omneo-pos-kit mock-server --port 0` and says where it listens', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'mock-server', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      const baseUrl = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          const m = /on (http:\/\/127\.0\.0\.1:\d+\/api\/v3)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const over = createOmneoClient({ transport: fetchTransport({ baseUrl, token: 't' }) });
      assert.equal((await over.profiles.get(SEED.ava.id)).balances?.rewardCents, 2500);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });
});
