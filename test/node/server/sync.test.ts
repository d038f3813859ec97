/** `sync --since`: Omneo's profiles updated since a date, applied by the store's rules; against the mock tenant over HTTP. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMockServer, type MockServer } from '../../../src/cli/mock-server.js';
import { runSyncCommand } from '../../../src/cli/sync.js';
import { parseSince, syncProfilesSince } from '../../../src/server/profile-sync.js';
import { sqliteCustomerStore } from '../../../src/server/sqlite-store.js';
import { tempDir } from './fixtures.js';
import { update } from './store-contract.js';

const temp = tempDir();
let mock: MockServer;
before(async () => {
  mock = await startMockServer({ port: 0 });
});
after(async () => {
  await mock.close();
  temp.remove();
});

describe('sync --since', () => {
  test('applies every profile updated since the date, once: a second run changes nothing', async () => {
    const path = temp.path('sync.db');
    const lines: string[] = [];
    const io = { env: { OMNEO_TOKEN: 'token' }, out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const args = ['--since', '2020-01-01', '--base-url', mock.baseUrl, '--db', path];
    assert.equal(await runSyncCommand(args, io), 0, lines.join('\n'));
    const total = mock.tenant ? (await (await fetch(`${mock.baseUrl}/profiles`, { headers: { authorization: 'Bearer t' } })).json() as { meta: { total: number } }).meta.total : 0;
    assert.ok(total > 0);
    assert.match(lines.at(-1) ?? '', new RegExp(`sync: ${total} profiles in 1 pages .*: created ${total}; older skipped 0; unreadable 0`));
    assert.equal(await runSyncCommand(args, io), 0);
    assert.match(lines.at(-1) ?? '', new RegExp(`: unchanged ${total};`));
    const store = sqliteCustomerStore(path);
    const page = (await (await fetch(`${mock.baseUrl}/profiles`, { headers: { authorization: 'Bearer t' } })).json()) as { data: { id: string; email: string | null }[] };
    for (const profile of page.data) assert.equal((await store.get(profile.id))?.email, profile.email);
    await store.close();
  });

  test('a date after every update applies nothing; bad arguments are refused with the usage', async () => {
    const lines: string[] = [];
    const io = { env: { OMNEO_TOKEN: 'token' }, out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    assert.equal(await runSyncCommand(['--since', '2099-01-01', '--base-url', mock.baseUrl, '--db', temp.path('none.db')], io), 0);
    assert.match(lines.at(-1) ?? '', /: none; older skipped \d+;/);
    assert.equal(await runSyncCommand(['--since', 'yesterday', '--base-url', mock.baseUrl], io), 2);
    assert.equal(await runSyncCommand(['--since', '2020-01-01', '--base-url', mock.baseUrl], { ...io, env: {} }), 2);
    assert.ok(lines.some((l) => l.includes('OMNEO_TOKEN is not set')));
  });

  test('pages through links.next; a profile the store holds newer is left alone; a failed page rejects', async () => {
    const store = sqliteCustomerStore(':memory:');
    await store.upsert(update(2, 100));
    const profile = (n: number, seconds: number) => ({ id: update(n, 0).profileId, first_name: 'P', email: `p${n}@example.com`, updated_at: update(n, seconds).updatedAt });
    const pages: Record<string, unknown> = {
      '1': { data: [profile(1, 10), profile(2, 10)], links: { next: 'https://tenant.test/api/v3/profiles?page[number]=2' } },
      '2': { data: [profile(3, 10)], links: { next: null } },
    };
    const asked: string[] = [];
    const fakeFetch = (async (input: string | URL | Request) => {
      const url = new URL(String(input));
      asked.push(url.search);
      return Response.json(pages[url.searchParams.get('page[number]') ?? ''] ?? { data: [] });
    }) as typeof fetch;
    const report = await syncProfilesSince({ baseUrl: 'https://tenant.test/api/v3/', token: 't', since: new Date(0), store, fetch: fakeFetch, now: () => Date.UTC(2026, 10, 26) });
    assert.deepEqual(report.outcomes, { created: 2, 'ignored-stale': 1 });
    assert.equal(report.pages, 2);
    assert.equal(new URLSearchParams(asked[0]).get('filter[updated_at][gte]'), '1970-01-01 00:00:00');
    assert.equal((await store.get(update(2, 0).profileId))?.updatedAt, update(2, 100).updatedAt);
    const failing = (async () => new Response('{}', { status: 500 })) as unknown as typeof fetch;
    await assert.rejects(syncProfilesSince({ baseUrl: 'https://tenant.test', token: 't', since: new Date(0), store, fetch: failing }), /answered 500/);
    await store.close();
    assert.equal(parseSince('2026-11-30')?.toISOString(), '2026-11-30T00:00:00.000Z');
    assert.equal(parseSince('2026-11-30 14:00:00')?.toISOString(), '2026-11-30T14:00:00.000Z');
    assert.equal(parseSince('soon'), null);
  });
});
