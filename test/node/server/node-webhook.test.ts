/** The light Node path (toNodeWebhookListener) and Node's HMAC check (nodeSignatureVerifier). */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createProfileWebhookProcessor } from '../../../src/server/handler.js';
import { nodeSignatureVerifier } from '../../../src/server/node-signature.js';
import { toNodeWebhookListener } from '../../../src/server/node.js';
import { signWebhookBody } from '../../../src/server/signature.js';
import { sqliteCustomerStore } from '../../../src/server/sqlite-store.js';
import { SECRET, profileBody, profileId } from './fixtures.js';
import { NOW } from './receiver.js';

describe('nodeSignatureVerifier', () => {
  test('agrees with the Web Crypto signature: right, wrong, missing, uppercase, truncated', async () => {
    const verify = nodeSignatureVerifier(SECRET);
    const body = new TextEncoder().encode('{"id":"x"}');
    const signature = await signWebhookBody(SECRET, body);
    assert.equal(verify(body, signature), true);
    assert.equal(verify(body, ` ${signature.toUpperCase()} `), true);
    assert.equal(verify(body, null), false);
    assert.equal(verify(body, signature.slice(0, -1)), false);
    assert.equal(verify(body, await signWebhookBody('other', body)), false);
    assert.equal(verify(new TextEncoder().encode('{"id":"y"}'), signature), false);
    assert.throws(() => nodeSignatureVerifier(''), TypeError);
  });
});

describe('toNodeWebhookListener', () => {
  const store = sqliteCustomerStore(':memory:');
  const processDelivery = createProfileWebhookProcessor({ secret: SECRET, store, now: () => NOW, maxBodyBytes: 4096, verifySignature: nodeSignatureVerifier(SECRET) });
  const server = createServer(toNodeWebhookListener(processDelivery, { maxBodyBytes: 4096 }));
  let base = '';
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.close();
    await store.close();
  });

  function send(method: string, headers: Record<string, string>, body?: string | Buffer): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(base, { method, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  test('a signed delivery is stored and answered like the Web handler', async () => {
    const body = JSON.stringify(profileBody(1, 0));
    const answer = await send('POST', { 'x-omneo-event': 'profile.created', 'x-omneo-hmac-sha256': await signWebhookBody(SECRET, body) }, body);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(JSON.parse(answer.body).outcome, 'created');
    assert.equal((await store.get(profileId(1)))?.profileId, profileId(1));
    const wrong = await send('POST', { 'x-omneo-event': 'profile.created', 'x-omneo-hmac-sha256': '0'.repeat(64) }, body);
    assert.equal(wrong.status, 401);
  });

  test('other methods are 405 with Allow; bodies over the limit are 413, declared or sent chunked', async () => {
    const get = await send('GET', {});
    assert.deepEqual([get.status, get.headers['allow']], [405, 'POST']);
    const declared = await send('POST', { 'x-omneo-event': 'profile.created', 'content-length': '5000' }, Buffer.alloc(5000, 32));
    assert.equal(declared.status, 413);
    const chunked = await send('POST', { 'x-omneo-event': 'profile.created', 'transfer-encoding': 'chunked' }, Buffer.alloc(9000, 32));
    assert.equal(chunked.status, 413);
    assert.equal(chunked.headers['connection'], 'close');
  });

  test('a store that fails is answered 503 with Retry-After, never 2xx', async () => {
    const failing = createProfileWebhookProcessor({
      secret: SECRET,
      store: { ...store, upsert: () => Promise.reject(new Error('connection refused')) },
      now: () => NOW,
    });
    const body = JSON.stringify(profileBody(2, 0));
    const answer = await failing({ method: 'POST', event: 'profile.created', signature: await signWebhookBody(SECRET, body), read: async () => ({ ok: true, bytes: new TextEncoder().encode(body) }) });
    assert.equal(answer.status, 503);
    assert.equal(answer.headers['retry-after'], '5');
  });
});
