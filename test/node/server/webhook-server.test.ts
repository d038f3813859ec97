/** scripts/webhook-server.ts as `npm run webhook-server` runs it: environment, start, log lines. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { signWebhookBody } from '../../../src/server/signature.js';
import { SECRET, profileBody, profileId, tempDir } from './fixtures.js';
import { omneoProfile } from './omneo-payloads.js';

const script = fileURLToPath(new URL('../../../scripts/webhook-server.ts', import.meta.url));
const temp = tempDir();
after(() => temp.remove());

describe('webhook-server script', () => {
  test('refuses to start without a secret', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CUSTOMER_DB: temp.path('none.db'), PORT: '0' };
    delete env['OMNEO_WEBHOOK_SECRET'];
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], { env, encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /OMNEO_WEBHOOK_SECRET/);
  });

  test('serves deliveries and logs one line each, without the secret or the signature', async () => {
    const env = { OMNEO_WEBHOOK_SECRET: SECRET, CUSTOMER_DB: temp.path('server.db'), PORT: '0', HOST: '127.0.0.1' };
    const timeouts = { HEADERS_TIMEOUT_MS: '1000', BODY_TIMEOUT_MS: '1000' };
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, ...env, ...timeouts },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (errors += text));
    const unappliable = JSON.stringify(omneoProfile(2, 0, { updated_at: '2026-13-45 99:99:99' }));
    const body = JSON.stringify(profileBody(1, 0));
    const signature = await signWebhookBody(SECRET, body);
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start line in: ${output}`)), 20_000);
        child.stdout.on('data', () => {
          const match = /listening on (http:\/\/\S+),/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const post = (sig: string) =>
        fetch(url, { method: 'POST', headers: { 'x-omneo-event': 'profile.created', 'x-omneo-hmac-sha256': sig }, body });
      assert.equal((await post(signature)).status, 200);
      assert.equal((await post('0'.repeat(64))).status, 401);

      const kept = await fetch(url, {
        method: 'POST',
        headers: { 'x-omneo-event': 'profile.updated', 'x-omneo-hmac-sha256': await signWebhookBody(SECRET, unappliable) },
        body: unappliable,
      });
      assert.equal(kept.status, 202);
      for (const method of ['TRACE', 'GET', 'PUT']) {
        const answer = await bare(url, method);
        assert.deepEqual(answer, { status: 405, allow: 'POST' }, method);
      }
      const started = Date.now();
      assert.equal(await trickle(url), 408);
      assert.ok(Date.now() - started < 4000, `a trickled body was cut after ${Date.now() - started} ms`);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
    const lines = output.split('\n').filter((line) => line.includes(' profile.created '));
    assert.equal(lines.length, 2, output);
    assert.match(lines[0] ?? '', new RegExp(` profile\\.created ${profileId(1)} 200 created pos=`));
    assert.match(lines[1] ?? '', / profile\.created - 401 rejected-signature$/);
    assert.ok(!output.includes(SECRET) && !output.includes(signature), 'neither secret nor signature is logged');
    assert.ok(!output.includes('ada1@example.com'), 'personal fields are never logged');
    const keptLines = output.split('\n').filter((line) => line.includes(' profile.updated '));
    assert.match(keptLines[0] ?? '', new RegExp(` profile\\.updated ${profileId(2)} 202 kept-unappliable reason=invalid-updated-at at=updated_at$`));
    assert.ok(!output.includes('grace2@example.com'), 'personal fields are never logged');
    assert.doesNotMatch(errors, /\n\s+at /, `no stack trace on stderr: ${errors}`);
  });
});

/** The status and `Allow` of a bodiless request with `method` (fetch refuses TRACE). */
function bare(url: string, method: string): Promise<{ status: number; allow: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, allow: res.headers['allow'] });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends a signed-looking delivery a byte every 200 ms until the server answers; its status. */
function trickle(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'x-omneo-event': 'profile.updated', 'transfer-encoding': 'chunked' } }, (res) => {
      clearInterval(drip);
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.write('{');
    const drip = setInterval(() => req.write(' '), 200);
  });
}

