/** scripts/webhook-server.ts as `npm run webhook-server` runs it: environment, start, log lines. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { signWebhookBody } from '../../../src/server/signature.js';
import { SECRET, profileBody, profileId, tempDir } from './fixtures.js';

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
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, OMNEO_WEBHOOK_SECRET: SECRET, CUSTOMER_DB: temp.path('server.db'), PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
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
  });
});
