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

  it('strips terminal escapes, controls and bidi overrides from everything the server sends back', async () => {
    const { io: cli, out, err } = io();
    const hostileFirst = 'Kim\x1b[2J\x1b]0;owned\x07\x1b]8;;https://evil.example\x1b\\';
    const hostileLast = 'Lo\u202e\u2066gnp.exe\u2069\x9b31m\x85\x7f\r\nFAKE: line';
    assert.equal(await runStaffCommand(['add', '--first', hostileFirst, '--last', hostileLast, '--email', 'kim.lo@example.com', '--number', '2024\x1b[8m', '--json'], cli), 0);
    const json = out.pop()!;
    // JSON keeps the data exactly, with the dangerous characters written as \u escapes.
    assert.doesNotMatch(json, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const added = JSON.parse(json);
    assert.equal(added.staffNumber, '2024\x1b[8m');
    assert.equal(await runStaffCommand(['show', added.id], cli), 0);
    const line = out.pop()!;
    assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    assert.match(line, /^staff: Kim Lognp\.exe +FAKE: line <kim\.lo@example\.com>, staff number 2024, id /);
    assert.equal(err.length, 0);
  });

  it('strips the same from an error the server sends', async () => {
    const { io: cli, err } = io();
    const hostile = async () =>
      new Response(
        JSON.stringify({ message: 'Bad\x1b[1A\x1b[2Kthing\u202e', errors: { 'email\x1b]0;x\x07': ['taken\x1b[31m', 'really\u2067'] } }),
        { status: 422, headers: { 'content-type': 'application/json' } },
      );
    const code = await runStaffCommand(['update', SEED.staff.id, '--last', 'Low'], { ...cli, fetch: hostile as unknown as typeof fetch });
    assert.equal(code, 1);
    const text = err.join('\n');
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    assert.match(text, /Omneo refused it: Badthing/);
    assert.match(text, /  email: taken really/);
  });

  it('refuses a malformed email or date before sending anything, with exit code 2', async () => {
    const badEmails = ['not-an-email', 'kim@', '@example.com', 'kim lo@example.com', 'kim@@example.com', 'kim@example', 'kim@example.c', 'kim@.com', 'kim@example..com', 'kim\x1b[2J@example.com', `${'k'.repeat(250)}@example.com`];
    for (const email of badEmails) {
      const { io: cli, err, tenant } = io();
      assert.equal(await runStaffCommand(['add', '--first', 'Kim', '--last', 'Lo', '--email', email, '--number', '7'], cli), 2, email);
      assert.match(err.join('\n'), /is not an email address/);
      assert.doesNotMatch(err.join('\n'), /\x1b/);
      assert.equal(tenant.requests.length, 0, email);
      assert.equal(await runStaffCommand(['update', SEED.staff.id, '--email', email], cli), 2, email);
      assert.equal(tenant.requests.length, 0, email);
    }
    for (const joined of ['2026-13-45', '2026-02-30', '2025-02-29', '26-01-05', '2026-1-5', '05/01/2026', 'yesterday', '2026-01-05 99:99:99', '']) {
      const { io: cli, err, tenant } = io();
      assert.equal(await runStaffCommand(['add', '--first', 'Kim', '--last', 'Lo', '--email', 'kim@example.com', '--number', '7', '--joined', joined], cli), 2, joined);
      assert.match(err.join('\n'), /--joined .* is not a date: give YYYY-MM-DD/);
      assert.equal(tenant.requests.length, 0, joined);
    }
    const { io: cli, out, tenant } = io();
    assert.equal(await runStaffCommand(['add', '--first', 'Kim', '--last', 'Lo', '--email', 'kim.lo+till@mail.example.com.au', '--number', '7', '--joined', '2024-02-29', '--json'], cli), 0);
    assert.equal(JSON.parse(out.pop()!).email, 'kim.lo+till@mail.example.com.au');
    assert.equal(tenant.requests.length, 1);
  });

  it('refuses an empty PROFILE_ID or a dot segment before sending anything', async () => {
    for (const [command, ...rest] of [['show'], ['remove'], ['update', '--last', 'Low']]) {
      for (const id of ['', '  ', '.', '..']) {
        const { io: cli, err, tenant } = io();
        assert.equal(await runStaffCommand([command!, id, ...rest], cli), 2, `${command} ${JSON.stringify(id)}`);
        assert.match(err.join('\n'), /needs a PROFILE_ID|is not a PROFILE_ID/);
        assert.equal(tenant.requests.length, 0, `${command} ${JSON.stringify(id)}`);
      }
      const { io: cli, tenant } = io();
      assert.equal(await runStaffCommand([command!, ...rest], cli), 2);
      assert.equal(tenant.requests.length, 0);
    }
  });
});
