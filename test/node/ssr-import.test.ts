// Every package entry (the source modules behind `exports`, as vite.config.ts lists them) can be
// imported on a server: plain Node, no window, no document, nothing thrown at module load.
// The built entries are imported the same way, from the packed tarball, by `npm run check-package`.
// Run: node --import tsx --test test/node/ssr-import.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { entries } from '../../vite.config.ts';

// The command line runs a command when imported: it is a bin, not a module to import.
const NOT_IMPORTABLE = new Set(['cli/main']);

describe('every package entry imports on a server', () => {
  it('starts without a DOM', () => {
    assert.equal('window' in globalThis, false);
    assert.equal('document' in globalThis, false);
  });

  for (const [name, source] of Object.entries(entries)) {
    if (NOT_IMPORTABLE.has(name)) continue;
    it(`${name} (${source})`, async () => {
      const mod = (await import(pathToFileURL(source).href)) as Record<string, unknown>;
      assert.ok(Object.keys(mod).length > 0, 'exports something');
      assert.equal('window' in globalThis, false, 'no window global left behind');
      assert.equal('document' in globalThis, false, 'no document global left behind');
    });
  }

  it('the React entry gives a component per element', async () => {
    const react = (await import('../../src/react/index.ts')) as Record<string, unknown>;
    for (const name of ['OmneoMemberLookup', 'OmneoBalance', 'OmneoBenefitPicker', 'OmneoRedemptionPanel']) {
      assert.equal(typeof react[name], 'object', `${name} is a React component`);
    }
  });
});
