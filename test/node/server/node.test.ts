/** `toNodeListener`: the receiver behind a real `http` server listening on 127.0.0.1. */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createProfileWebhookHandler } from '../../../src/server/handler.js';
import type { WebhookDelivery } from '../../../src/server/handler.js';
import { toNodeListener, webhookServerOptions } from '../../../src/server/node.js';
import { signWebhookBody } from '../../../src/server/signature.js';
import { sqliteCustomerStore } from '../../../src/server/sqlite-store.js';
import { SECRET, profileBody, profileId, tempDir } from './fixtures.js';

const temp = tempDir();
const store = sqliteCustomerStore(temp.path('node.db'));
const errors: unknown[] = [];
const deliveries: WebhookDelivery[] = [];
let server: Server;
let base: string;

function listen(listener: Parameters<typeof createServer>[1], options: Parameters<typeof createServer>[0] = {}): Promise<Server> {
  const s = createServer(options, listener);
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}
const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

before(async () => {
  const handler = createProfileWebhookHandler({ secret: SECRET, store, onEvent: (d) => void deliveries.push(d) });
  server = await listen(toNodeListener(handler, { onError: (e) => errors.push(e) }));
  base = urlOf(server);
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  temp.remove();
});

interface RawResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Bytes of body this client managed to write before the answer came. */
  written: number;
}

/** Posts with `http.request`, writing `chunks` one by one until they run out or the answer comes. */
function rawPost(url: string, headers: Record<string, string>, chunks: Iterable<Uint8Array>): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, written }));
    });
    // The server may close the connection while we are still writing: that is the point.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const iterator = chunks[Symbol.iterator]();
    const writeMore = () => {
      for (;;) {
        const next = iterator.next();
        if (answered || next.done) return void req.end();
        written += next.value.byteLength;
        if (!req.write(next.value)) return void req.once('drain', writeMore);
      }
    };
    writeMore();
  });
}

describe('toNodeListener', () => {
  test('a signed delivery is stored; the answer is the handler\'s', async () => {
    const body = JSON.stringify(profileBody(1, 0));
    const response = await fetch(`${base}/webhooks/omneo`, {
      method: 'POST',
      headers: { 'x-omneo-event': 'profile.created', 'x-omneo-hmac-sha256': await signWebhookBody(SECRET, body) },
      body,
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    const answer = (await response.json()) as { outcome: string; posCustomerId: string };
    assert.equal(answer.outcome, 'created');
    assert.equal((await store.getByPosId(answer.posCustomerId))?.profileId, profileId(1));
  });

  test('a wrong signature is 401', async () => {
    const response = await fetch(base, {
      method: 'POST',
      headers: { 'x-omneo-event': 'profile.created', 'x-omneo-hmac-sha256': '0'.repeat(64) },
      body: JSON.stringify(profileBody(2, 0)),
    });
    assert.equal(response.status, 401);
    assert.equal(await store.get(profileId(2)), null);
  });

  test('a declared Content-Length over 1 MiB is 413, the body unread', async () => {
    const result = await rawPost(base, { 'content-length': String(2 * 1024 * 1024), 'x-omneo-event': 'profile.updated' }, [
      new Uint8Array(10),
    ]);
    assert.equal(result.status, 413);
    assert.equal(result.headers['connection'], 'close');
    assert.equal(deliveries.at(-1)?.outcome, 'rejected-too-large');
  });

  test('a chunked body is cut off just past 1 MiB: 413, the rest never read', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const total = 64 * 1024 * 1024;
    function* chunks() {
      for (let sent = 0; sent < total; sent += chunk.byteLength) yield chunk;
    }
    // The adapter enforces the limit itself, even for a handler that would read any amount.
    let handlerRead = 0;
    const greedy = await listen(
      toNodeListener(async (request) => {
        handlerRead = (await request.arrayBuffer().catch(() => new ArrayBuffer(0))).byteLength;
        return new Response('read it all');
      }),
    );
    try {
      for (const url of [base, urlOf(greedy)]) {
        const result = await rawPost(url, { 'transfer-encoding': 'chunked', 'x-omneo-event': 'profile.updated' }, chunks());
        assert.equal(result.status, 413);
        assert.equal(result.headers['connection'], 'close');
        assert.ok(result.written < total / 4, `the client could write only ${result.written} of ${total} bytes`);
        if (url === base) assert.equal(deliveries.at(-1)?.outcome, 'rejected-too-large', 'the receiver saw the excess');
      }
      assert.equal(handlerRead, 0);
    } finally {
      greedy.closeAllConnections();
      await new Promise((resolve) => greedy.close(resolve));
    }
  });

  test('a handler that throws is a 500, and the error is reported', async () => {
    const failing = await listen(toNodeListener(async () => Promise.reject(new Error('boom')), { onError: (e) => errors.push(e) }));
    try {
      const response = await fetch(urlOf(failing), { method: 'POST', body: '{}' });
      assert.equal(response.status, 500);
      assert.equal((errors.at(-1) as Error).message, 'boom');
    } finally {
      failing.closeAllConnections();
      await new Promise((resolve) => failing.close(resolve));
    }
  });

  test('TRACE, which a Web Request cannot carry, is 501 from the adapter: no 500, nothing logged', async () => {
    const before = errors.length;
    const result = await rawRequest(base, 'TRACE');
    assert.equal(result.status, 501);
    assert.equal(errors.length, before, 'onError was not told');
  });

  test('with allowedMethods, any other method is 405 with Allow, the handler never called', async () => {
    let called = 0;
    const postOnly = await listen(
      toNodeListener(async () => (called++, new Response('ok')), { allowedMethods: ['POST'], onError: (e) => errors.push(e) }),
    );
    const before = errors.length;
    try {
      for (const method of ['TRACE', 'GET', 'DELETE', 'OPTIONS']) {
        const result = await rawRequest(urlOf(postOnly), method);
        assert.equal(result.status, 405, method);
        assert.equal(result.headers['allow'], 'POST', method);
      }
      assert.equal(called, 0);
      assert.equal(errors.length, before);
    } finally {
      await close(postOnly);
    }
  });
});

describe('webhookServerOptions', () => {
  const timeouts = { headersTimeoutMs: 500, bodyTimeoutMs: 1000 };

  test('a body sent a byte at a time is cut off with a 408 once the body timeout is past', async () => {
    const read = toNodeListener(async (request) => new Response(await request.text()), { onError: () => undefined });
    const slow = await listen(read, webhookServerOptions(timeouts));
    try {
      const started = Date.now();
      const result = await new Promise<{ status: number; elapsed: number }>((resolve, reject) => {
        const req = httpRequest(urlOf(slow), { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
          clearInterval(drip);
          res.resume();
          resolve({ status: res.statusCode ?? 0, elapsed: Date.now() - started });
        });
        req.on('error', reject);
        req.write('{');
        const drip = setInterval(() => req.write(' '), 200);
      });
      assert.equal(result.status, 408);
      assert.ok(result.elapsed < 3000, `cut after ${result.elapsed} ms`);
    } finally {
      await close(slow);
    }
  });

  test('headers sent a byte at a time are cut off once the headers timeout is past', async () => {
    const slow = await listen(toNodeListener(async () => new Response('ok')), webhookServerOptions(timeouts));
    try {
      const started = Date.now();
      const elapsed = await new Promise<number>((resolve) => {
        const socket = connect((slow.address() as AddressInfo).port, '127.0.0.1', () => socket.write('POST / HTTP/1.1\r\n'));
        const drip = setInterval(() => socket.writable && socket.write('x'), 100);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(drip);
          resolve(Date.now() - started);
        });
      });
      assert.ok(elapsed < 2000, `closed after ${elapsed} ms`);
    } finally {
      await close(slow);
    }
  });

  test('refuses timeouts that are not positive integers', () => {
    assert.throws(() => webhookServerOptions({ headersTimeoutMs: 0 }), RangeError);
    assert.throws(() => webhookServerOptions({ bodyTimeoutMs: Number.NaN }), RangeError);
    assert.deepEqual(webhookServerOptions({ headersTimeoutMs: 2000, bodyTimeoutMs: 3000 }), {
      headersTimeout: 2000,
      requestTimeout: 5000,
      connectionsCheckingInterval: 500,
    });
  });
});

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** A request with `method` and no body, through `http.request` (fetch refuses TRACE). */
function rawRequest(url: string, method: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}
