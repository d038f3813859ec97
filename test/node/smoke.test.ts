/**
 * `omneo-pos-kit smoke` against the mock tenant over real HTTP on 127.0.0.1: every route
 * parsed, the cent redeemed, found and reversed in the tenant, the saved bodies masked, and
 * the token nowhere but in the Authorization header.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED } from '../../src/mocks/index.ts';
import { startMockServer, type MockServer } from '../../src/cli/mock-server.ts';
import { runSmokeCommand, type SmokeIo } from '../../src/cli/smoke.ts';
import { maskBody } from '../../src/cli/smoke-mask.ts';

const TOKEN = 'smoke-test-token-7f3a9c1e5b';

interface Run {
  code: number;
  out: string[];
  err: string[];
  dir: string;
  files: Record<string, string>;
  authorization: string[];
}

describe('omneo-pos-kit smoke', () => {
  let server: MockServer;
  let work: string;

  before(async () => {
    server = await startMockServer({ port: 0 });
  });
  after(() => server.close());
  beforeEach(async () => {
    await fetch(`${server.origin}/__mock/reset`, { method: 'POST' });
    work = await mkdtemp(join(tmpdir(), 'omneo-smoke-test-'));
  });

  /** Runs the command with `args` after the base URL and token; collects output, files and the Authorization headers sent. */
  async function smoke(args: string[], io: Partial<SmokeIo> = {}): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const authorization: string[] = [];
    const inner = io.fetch ?? fetch;
    const code = await runSmokeCommand(args, {
      env: { SMOKE_TOKEN: TOKEN },
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      cwd: work,
      relookMs: 10,
      now: () => new Date(Date.UTC(2026, 11, 2, 5, 6, 7)),
      ...io,
      fetch: async (input, init) => {
        authorization.push(new Headers(init?.headers).get('authorization') ?? '');
        return inner(input, init);
      },
    });
    const files: Record<string, string> = {};
    const dirs = await readdir(work);
    const dir = dirs.length === 1 ? join(work, dirs[0]!) : work;
    if (dirs.length === 1) for (const name of await readdir(dir)) files[name] = await readFile(join(dir, name), 'utf8');
    return { code, out, err, dir, files, authorization };
  }
  const base = () => ['--base-url', server.baseUrl, '--token-env', 'SMOKE_TOKEN'];
  const lineOf = (run: Run, step: string) => run.out.find((l) => l.split(/\s+/)[1] === step) ?? assert.fail(`no ${step} line in:\n${run.out.join('\n')}`);

  it('with --write: every route parsed, one cent redeemed, found by its sale id and reversed', async () => {
    const run = await smoke([...base(), '--card', SEED.ava.card, '--write', '--out', 'bodies']);
    assert.equal(run.code, 0, run.out.join('\n'));
    const expected: [string, string][] = [
      ['identity', 'GET /identities'],
      ['profile', 'GET /profiles/{profileId}'],
      ['balances', 'GET /profiles/{profileId}/balances'],
      ['benefits', 'GET /profiles/{profileId}/benefits/redeemable'],
      ['redemptions', 'GET /redemptions'],
      ['locations', 'GET /locations'],
      ['redeem', 'POST /profiles/{profileId}/redemptions'],
      ['find', 'GET /redemptions'],
      ['reverse', 'POST /redemptions/{redemptionId}/reversal'],
    ];
    for (const [step, route] of expected) {
      const line = lineOf(run, step);
      assert.ok(line.includes(route), line);
      assert.match(line, /\s(200|201)\s+parsed/, line);
    }
    assert.equal(run.out.at(-1), 'All 9 routes parsed.');

    // The tenant: a 1-cent redeem under smoke-<timestamp>, reversed, and Ava's rewards whole again.
    const mine = server.tenant.redemptions().filter((r) => r.transactionExternalId === `smoke-${Date.UTC(2026, 11, 2, 5, 6, 7)}`);
    assert.deepEqual(mine.map((r) => [r.type, r.totalCents]), [['redeem', 1], ['reversal', 1]]);
    assert.equal(server.tenant.rewardBalanceCents(SEED.ava.id), 2500);
    const redeemed = mine[0]!;
    assert.match(lineOf(run, 'redeem'), new RegExp(`redemption ${redeemed.id} of 0\\.01`));
    assert.match(lineOf(run, 'reverse'), new RegExp(`of redemption ${redeemed.id}`));

    // One file per answer under --out, named for the fixture it would become, plus an index.
    assert.equal(run.dir, join(work, 'bodies'));
    assert.deepEqual(Object.keys(run.files).sort(), [
      '01-identityList.200.json',
      '02-profile.200.json',
      '03-balances.200.json',
      '04-benefitList.200.json',
      '05-redemptionList.200.json',
      '06-locationList.200.json',
      '07-successfulRedemption.redeem.201.json',
      '08-redemptionList.by-sale.200.json',
      '09-successfulRedemption.reversal.200.json',
      'index.json',
    ]);
    const redeemBody = JSON.parse(run.files['07-successfulRedemption.redeem.201.json']!) as { data: { id: number; total: number } };
    assert.deepEqual([redeemBody.data.id, redeemBody.data.total], [redeemed.id, 0.01]);

    // Masked: no name, email, phone or full card number; ids, amounts and structure kept.
    const everything = Object.values(run.files).join('\n');
    for (const personal of ['Ava', 'Nguyen', SEED.ava.email, SEED.ava.mobile, SEED.ava.mobile.slice(1), SEED.ava.card, 'POS-000123']) {
      assert.ok(!everything.includes(personal), `${personal} is in a saved body`);
    }
    const identity = JSON.parse(run.files['01-identityList.200.json']!) as { data: [{ id: number; identifier: string; profile: Record<string, unknown> }] };
    assert.equal(identity.data[0].identifier, `*********${SEED.ava.card.slice(-4)}`);
    assert.equal(identity.data[0].profile['id'], SEED.ava.id);
    assert.equal(identity.data[0].profile['first_name'], '[masked]');
    assert.equal(identity.data[0].profile['reward_balance'], 25);
    assert.equal(typeof identity.data[0].id, 'number');

    // The token went out in the header, and nowhere else.
    assert.ok(run.authorization.length >= 9 && run.authorization.every((h) => h === `Bearer ${TOKEN}`));
    assert.ok(![...run.out, ...run.err, everything].some((text) => text.includes(TOKEN)));
  });

  it('is read-only without --write, and saves under ./omneo-smoke-<date>-<time>/ by default', async () => {
    const run = await smoke([...base(), '--card', SEED.noah.card]);
    assert.equal(run.code, 0, run.out.join('\n'));
    assert.equal(run.out.filter((l) => l.startsWith('ok ')).length, 6);
    assert.ok(!run.out.some((l) => /\b(redeem|find|reverse)\b/.test(l.split(/\s+/)[1] ?? '')));
    assert.equal(server.tenant.requests.filter((r) => r.method !== 'GET').length, 0);
    assert.equal(run.dir, join(work, 'omneo-smoke-20261202-050607'));
    assert.ok(!Object.values(run.files).join('\n').includes(SEED.noah.email));
  });

  it('without --card skips the member routes with a note and still checks locations', async () => {
    const run = await smoke(base());
    assert.equal(run.code, 0);
    assert.match(lineOf(run, 'identity'), /^skip .*skipped: no --card given/);
    assert.match(lineOf(run, 'balances'), /GET \/profiles\/\{profileId\}\/balances .*skipped/);
    assert.match(lineOf(run, 'locations'), /200\s+parsed \(2 locations\)/);
  });

  it('names the field a body got wrong, and exits 1', async () => {
    const rewriting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/balances')) return response;
      const body = (await response.json()) as { data: Record<string, unknown> };
      body.data['reward_balance'] = 'lots';
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    const run = await smoke([...base(), '--card', SEED.ava.card], { fetch: rewriting });
    assert.equal(run.code, 1);
    assert.match(lineOf(run, 'balances'), /^FAIL balances\s+GET \/profiles\/\{profileId\}\/balances\s+200\s+failed at data\.reward_balance: /);
    assert.match(lineOf(run, 'profile'), /parsed/);
    assert.match(run.out.at(-1)!, /^1 of 6 routes/);
    // The bad body is saved as it came (masked), to become a fixture of the failure.
    assert.match(run.files['03-balances.200.json']!, /"reward_balance": "lots"/);
  });

  it('reports a refused token per route without ever printing it', async () => {
    server.tenant.auth.expire(TOKEN);
    const run = await smoke([...base(), '--card', SEED.ava.card, '--write']);
    assert.equal(run.code, 1);
    assert.match(lineOf(run, 'identity'), /401\s+unauthorized: /);
    assert.match(lineOf(run, 'locations'), /401\s+unauthorized: /);
    assert.equal(server.tenant.redemptions().length, 0);
    assert.ok(![...run.out, ...run.err, ...Object.values(run.files)].some((text) => text.includes(TOKEN)));
  });

  it('says so when the reversal fails, so the cent it redeemed is not forgotten', async () => {
    const refusing: typeof fetch = async (input, init) =>
      String(input).endsWith('/reversal')
        ? new Response(JSON.stringify({ message: 'This action is unauthorized.' }), { status: 403, headers: { 'content-type': 'application/json' } })
        : fetch(input, init);
    const run = await smoke([...base(), '--card', SEED.ava.card, '--write'], { fetch: refusing });
    assert.equal(run.code, 1);
    const [redeemed] = server.tenant.redemptions();
    assert.deepEqual([redeemed?.type, redeemed?.totalCents, server.tenant.redemptions().length], ['redeem', 1, 1]);
    assert.match(lineOf(run, 'reverse'), /^FAIL reverse\s+POST \/redemptions\/\{redemptionId\}\/reversal\s+403\s+unauthorized: This action is unauthorized\./);
    assert.ok(run.err.some((l) => l.includes(`redemption ${redeemed!.id} (0.01, sale smoke-`) && l.includes('was not reversed')), run.err.join('\n'));
  });

  it('saves nothing for a request that got no answer, and says which', async () => {
    const dropping: typeof fetch = async (input, init) => {
      if (String(input).includes('/locations')) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    const run = await smoke([...base(), '--card', SEED.ava.card], { fetch: dropping });
    assert.equal(run.code, 1);
    assert.match(lineOf(run, 'locations'), /^FAIL locations\s+GET \/locations\s+---\s+network: /);
    assert.ok(!Object.keys(run.files).some((f) => f.includes('locationList')));
    const index = JSON.parse(run.files['index.json']!) as { file: string | null; route: string; result: string }[];
    assert.deepEqual(index.at(-1), { file: null, step: 'locations', route: 'GET /locations', status: null, result: 'no answer' });
  });

  it('exits 2 on bad arguments, before any request, without echoing a token', async () => {
    const cases: string[][] = [
      ['--token-env', 'SMOKE_TOKEN'],
      ['--base-url', server.baseUrl],
      ['--base-url', 'ftp://example.com', '--token-env', 'SMOKE_TOKEN'],
      ['--base-url', `http://user:${TOKEN}@127.0.0.1/api/v3`, '--token-env', 'SMOKE_TOKEN'],
      [...base(), '--token-env', 'OTHER'],
      ['--base-url', server.baseUrl, '--token-env', 'UNSET_VARIABLE'],
      ['--base-url', server.baseUrl, '--token-env', `${TOKEN}.with.dots`],
      [...base(), TOKEN],
      [...base(), '--frobnicate'],
      [...base(), '--card'],
      [...base(), '--profile', 'not-a-uuid'],
      [...base(), '--routes', 'sideways'],
    ];
    for (const args of cases) {
      const run = await smoke(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.authorization.length, 0, args.join(' '));
      assert.ok(![...run.out, ...run.err].some((text) => text.includes(TOKEN)), `${args.join(' ')}: ${run.err.join('\n')}`);
    }
    assert.equal((await smoke(['--help'])).code, 0);
  });
});

describe('smoke masking', () => {
  it('masks names, contacts, addresses, birth dates and card numbers; keeps ids, amounts, types and times', () => {
    const body = {
      data: {
        id: '9a4c1f7e-3b2d-4e8a-9f10-2c6d5e7a8b91',
        first_name: 'Grace',
        last_name: 'Hopper',
        full_name: 'Grace Hopper',
        email: 'grace@example.com',
        mobile_phone: '+61400111222',
        birth_day: 9,
        birth_month: 12,
        birth_year: 1906,
        address: { id: 4, address_line_1: '1 Navy Way', city: 'Arlington', postcode: 22201, country: 'US' },
        identities: [{ id: 88231, handle: 'loyalty-card', identifier: '2770005551234', is_primary: true }],
        reward_balance: 12.5,
        created_at: '2024-03-11 02:14:09',
        meta: { note: 'Call Grace Hopper at +61400111222 or grace@example.com, card 2770005551234' },
      },
    };
    const masked = maskBody(body) as { data: Record<string, unknown> };
    const text = JSON.stringify(masked);
    for (const personal of ['Grace', 'Hopper', 'grace@example.com', '61400111222', '2770005551234', 'Navy', 'Arlington', '22201', '1906']) {
      assert.ok(!text.includes(personal), `${personal} survived: ${text}`);
    }
    assert.equal(masked.data['id'], body.data.id);
    assert.equal(masked.data['reward_balance'], 12.5);
    assert.equal(masked.data['created_at'], '2024-03-11 02:14:09');
    assert.equal(masked.data['birth_year'], null);
    assert.deepEqual(masked.data['identities'], [{ id: 88231, handle: 'loyalty-card', identifier: '*********1234', is_primary: true }]);
    assert.deepEqual(masked.data['address'], { id: 4, address_line_1: '[masked]', city: '[masked]', postcode: null, country: '[masked]' });
  });
});
