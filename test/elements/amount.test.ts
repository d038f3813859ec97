/** What a cashier types in the panel's amount field, read as integer cents by digits alone. */
import { expect } from '@open-wc/testing';
import { formatAmountInput, parseAmount } from '../../src/elements/redemption-panel/amount.js';

describe('parseAmount', () => {
  const cases: [string, string, ReturnType<typeof parseAmount>][] = [
    ['12.5', 'en-AU', { kind: 'cents', cents: 1250 }],
    ['12,50', 'en-AU', { kind: 'cents', cents: 1250 }],
    [' 12 ', 'en-AU', { kind: 'cents', cents: 1200 }],
    ['12.', 'en-AU', { kind: 'cents', cents: 1200 }],
    ['0.29', 'en-AU', { kind: 'cents', cents: 29 }],
    ['$12.50', 'en-AU', { kind: 'cents', cents: 1250 }],
    ['1,250.00', 'en-AU', { kind: 'cents', cents: 125000 }],
    ['1.234,56', 'fr', { kind: 'cents', cents: 123456 }],
    ['1\u202f250,00', 'fr', { kind: 'cents', cents: 125000 }],
    ['1 250,00', 'fr', { kind: 'cents', cents: 125000 }],
    ["1'250.50", 'de-CH', { kind: 'cents', cents: 125050 }],
    ['12.345', 'fr', { kind: 'fraction' }],
    ['12.001', 'fr', { kind: 'fraction' }],
    ['12 50', 'en-AU', { kind: 'invalid' }],
    ["12'50", 'en-AU', { kind: 'invalid' }],
    ['5 00', 'en-AU', { kind: 'invalid' }],
    ['1e3', 'en-AU', { kind: 'invalid' }],
    ['-5', 'en-AU', { kind: 'invalid' }],
    ['abc', 'en-AU', { kind: 'invalid' }],
    ['', 'en-AU', { kind: 'empty' }],
  ];
  for (const [text, locale, expected] of cases) {
    it(`reads ${JSON.stringify(text)} in ${locale} as ${JSON.stringify(expected)}`, () => {
      expect(parseAmount(text, locale)).to.deep.equal(expected);
    });
  }

  it('writes cents back as the field shows them, and reads them back the same', () => {
    for (const [cents, locale] of [[125000, 'en-AU'], [29, 'fr'], [5, 'en-AU']] as const) {
      expect(parseAmount(formatAmountInput(cents, locale), locale)).to.deep.equal({ kind: 'cents', cents });
    }
  });
});
