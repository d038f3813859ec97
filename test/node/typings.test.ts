// The declarations the package ships, as a strict TypeScript consumer checks them: emitted by
// `tsc -p tsconfig.build.json` (what `npm run build` writes to dist/) into a temporary package,
// then a consumer file that uses the kit's typed events on `document` and `window`, narrows
// errors by `code` and through `isOutcomeUnknown`, is checked with `strict` and
// `skipLibCheck: false`, so every shipped .d.ts is checked too.
// Run: node --import tsx --test test/node/typings.test.ts
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const tsc = join(root, 'node_modules', '.bin', 'tsc');

/** A consumer's till code: each line is a promise of the typings. */
const CONSUMER = `
import 'omneo-pos-kit';
import { isOutcomeUnknown, OmneoError, OmneoErrorEvent, type AnyOmneoError, type OmneoErrorCode, type Profile } from 'omneo-pos-kit';

// Listeners on document and window read the detail, and the shortcut getters, typed.
document.addEventListener('omneo-member-select', (e) => {
  const profile: Profile = e.detail.profile;
  const same: string = e.profile.id;
  void profile;
  void same;
});
window.addEventListener('omneo-balance-load', (e) => {
  const cents: number = e.detail.balances.rewardCents;
  const whose: string = e.profileId;
  void cents;
  void whose;
});
document.querySelector('omneo-redemption-panel')?.addEventListener('omneo-redeem-request', (e) => {
  if (e.amountCents > 5000 || e.allocation.length === 0 || e.sale.lines.length === 0 || e.benefits.length > 2) e.preventDefault();
});
document.addEventListener('omneo-redemption-created', (e) => {
  const ids: number[] = e.redemptions.map((r) => r.id);
  void [ids, e.redemption.id, e.allocation, e.transaction];
});
window.addEventListener('omneo-redemption-settled', (e) => {
  const outcome: 'recorded' | 'reversed' | 'refunded' = e.outcome;
  const returned: number = e.returnedCents;
  void [outcome, returned, e.reason, e.transaction?.id, e.redemption.id, e.redemptions[0]?.outcome];
});
document.addEventListener('omneo-redemption-recover', (e) => {
  if (e.entry) e.claim({ payments: ['card'] });
});
document.addEventListener('omneo-error', (e) => {
  void describeFailure(e.detail.error);
  void describeFailure(e.error);
  void e.operation;
});

// Every code the kit has is a member of AnyOmneoError (else this names the codes left out).
type Uncovered = Exclude<OmneoErrorCode, AnyOmneoError['code']>;
const covered: [Uncovered] extends [never] ? true : Uncovered = true;
void covered;

/** switch on code narrows to the class; the default is never (every code is handled). */
function describeFailure(error: AnyOmneoError): string {
  switch (error.code) {
    case 'validation':
      return Object.keys(error.fieldErrors).join(', ');
    case 'rate_limited':
      return String(error.retryAfterMs ?? 0);
    case 'unexpected_response':
      return error.issues.map((issue) => issue.path.join('.')).join(', ');
    case 'network':
    case 'timeout':
    case 'aborted':
    case 'unauthorized':
    case 'not_found':
    case 'server':
    case 'http':
    case 'invalid_input':
      return error.name;
    default: {
      const unhandled: never = error;
      return unhandled;
    }
  }
}

async function redeemOnce(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (e) {
    if (isOutcomeUnknown(e)) {
      const code: 'network' | 'timeout' | 'server' | 'unexpected_response' = e.code;
      const retryable: boolean = e.retryable;
      void [code, retryable];
    } else if (e instanceof OmneoError) {
      void (e.code satisfies string);
    }
  }
}
void redeemOnce;
void OmneoErrorEvent.eventName;
const named: 'omneo-error' = OmneoErrorEvent.eventName;
void named;
`;

describe('the shipped declarations, as a strict consumer checks them', () => {
  let dir = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'omneo-typings-'));
    // The package as installed: its package.json and the declarations the build emits.
    const pkg = join(dir, 'node_modules', 'omneo-pos-kit');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), readFileSync(join(root, 'package.json')));
    const emit = spawnSync(tsc, ['-p', 'tsconfig.build.json', '--outDir', join(pkg, 'dist'), '--declarationMap', 'false'], { cwd: root, encoding: 'utf8' });
    assert.equal(emit.status, 0, `tsc -p tsconfig.build.json\n${emit.stdout}${emit.stderr}`);
    // Its dependencies (lit, zod, ...) come from the repository's own install.
    for (const name of readdirSync(join(root, 'node_modules'))) {
      if (name.startsWith('.') || name === 'omneo-pos-kit') continue;
      symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
    }
    writeFileSync(join(dir, 'till.ts'), CONSUMER);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          module: 'ESNext',
          moduleResolution: 'bundler',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
          types: [],
        },
        files: ['till.ts'],
      }),
    );
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('type-checks a till using events on document and window, error codes and isOutcomeUnknown', () => {
    const check = spawnSync(tsc, ['-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(check.status, 0, `strict, skipLibCheck: false\n${check.stdout}${check.stderr}`);
  });

  it('fails on a wrong use, so the check above is not vacuous', () => {
    writeFileSync(
      join(dir, 'wrong.ts'),
      `import 'omneo-pos-kit';\ndocument.addEventListener('omneo-member-select', (e) => { const n: number = e.detail.profile; void n; });\n` +
        `import type { AnyOmneoError } from 'omneo-pos-kit';\nexport function f(e: AnyOmneoError) { if (e.code === 'network') return e.fieldErrors; return null; }\n`,
    );
    writeFileSync(join(dir, 'tsconfig.wrong.json'), JSON.stringify({ extends: './tsconfig.json', files: ['wrong.ts'] }));
    const check = spawnSync(tsc, ['-p', 'tsconfig.wrong.json'], { cwd: dir, encoding: 'utf8' });
    assert.notEqual(check.status, 0);
    assert.match(check.stdout, /wrong\.ts\(2,\d+\).*not assignable to type 'number'/);
    assert.match(check.stdout, /wrong\.ts\(4,\d+\).*Property 'fieldErrors' does not exist/);
  });
});
