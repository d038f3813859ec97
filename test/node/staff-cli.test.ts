/** The staff command line against the mock tenant: what a store manager types and reads. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMockTenant, SEED } from '../../src/mocks/index.ts';
import { runStaffCommand } from '../../src/cli/staff.ts';

function io(env: Record<string, string> = { OMNEO_BASE_URL: 'https://api.acme.getomneo.com/api/v3', OMNEO_TOKEN: 'manager-secret-token' }) {
  const tenant = createMockTenant();
  const out: string[] = [];
  const err: string[] = [];
  return { tenant, out, err, io: { env, out: (l: string) => out.push(l), err: (l: string) => err.push(l), fetch: tenant.fetch } };
}

describe('omneo-pos-kit staff', () => {
  it('adds, shows, updates and removes a staff member', async () => {
    const { io: cli, out, tenant } = io();
    assert.equal(await runStaffCommand(['add', '--first', 'Kim', '--last', 'Lo', '--email', 'kim.lo@example.com', '--number', '2024', '--json'], cli), 0);
    const added = JSON.parse(out.pop()!);
    assert.equal(added.staffNumber, '2024');
    assert.equal(await runStaffCommand(['show', added.id], cli), 0);
    assert.match(out.pop()!, /^staff: Kim Lo <kim.lo@example.com>, staff number 2024/);
    assert.equal(await runStaffCommand(['update', added.id, '--last', 'Low'], cli), 0);
    assert.match(out.pop()!, /^updated: Kim Low/);
    assert.equal(await runStaffCommand(['remove', added.id], cli), 0);
    assert.equal(await runStaffCommand(['show', added.id], cli), 1);
    assert.ok(tenant.requests.some((r) => r.method === 'DELETE'));
  });

  it('reads the seeded staff member 1993', async () => {
    const { io: cli, out } = io();
    assert.equal(await runStaffCommand(['show', SEED.staff.id], cli), 0);
    assert.match(out[0]!, /staff number 1993/);
  });

  it('explains what is missing, and never prints the token', async () => {
    const { io: cli, err } = io();
    assert.equal(await runStaffCommand(['add', '--first', 'Kim'], cli), 2);
    assert.match(err.join('\n'), /add needs --last, --email, --number/);
    const { io: noEnv, err: err2 } = io({});
    assert.equal(await runStaffCommand(['show', SEED.staff.id], noEnv), 2);
    assert.match(err2.join('\n'), /Set OMNEO_BASE_URL and OMNEO_TOKEN/);
    const { io: bad, err: err3, out: out3 } = io();
    await runStaffCommand(['add', '--first', 'A', '--last', 'B', '--email', 'not-an-email', '--number', '7'], bad);
    assert.doesNotMatch([...err3, ...out3, ...err, ...err2].join('\n'), /manager-secret-token/);
  });
});
