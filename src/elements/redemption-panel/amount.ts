/**
 * The amount field's text to integer cents and back, by digits alone: no floating-point
 * arithmetic ever touches the amount, so `"0.29"` is 29 cents on every engine.
 *
 * The cashier may type with the locale's decimal separator or the other common one:
 * `"12.5"`, `"12,50"` (and, where the locale groups thousands, `"1,250.00"` or `"1.250,00"`).
 * A lone separator followed by exactly three digits is read as the locale reads it (a group
 * in `en`, a decimal in `fr`); otherwise a lone separator is the decimal point.
 */

/** What the field holds: an amount in cents, or why it is not one. */
export type ParsedAmount =
  | { kind: 'empty' }
  | { kind: 'cents'; cents: number }
  /** More than two decimals that are not zeros: not a whole number of cents. */
  | { kind: 'fraction' }
  /** Not a non-negative amount at all. */
  | { kind: 'invalid' };

interface Separators {
  decimal: string;
  group: string;
}

const separatorCache = new Map<string, Separators>();

/** The locale's decimal and group separators, as `Intl.NumberFormat` writes them. */
export function separatorsFor(locale: string): Separators {
  let found = separatorCache.get(locale);
  if (!found) {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(12345.6);
    found = {
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
    };
    separatorCache.set(locale, found);
  }
  return found;
}

// Spaces of every kind (Intl groups with narrow no-break spaces in fr) and apostrophes (de-CH)
// may group thousands, and only that: "1 250,00" is 1250, "12 50" is not an amount.
const SPACE_GROUP = /[\s\u00a0\u202f'\u2019]/;
const SPACE_GROUPED = /^\d{1,3}(?:[\s\u00a0\u202f'\u2019]\d{3})+(?:[.,]\d*)?$/;
// A currency sign typed before or after the number.
const CURRENCY = /^\p{Sc}|\p{Sc}$/gu;

/** Reads the field's text as integer cents; see the module comment. */
export function parseAmount(text: string, locale: string): ParsedAmount {
  const trimmed = text.trim().replace(CURRENCY, '').trim();
  if (SPACE_GROUP.test(trimmed) && !SPACE_GROUPED.test(trimmed)) return { kind: 'invalid' };
  const compact = trimmed.replace(new RegExp(SPACE_GROUP.source, 'g'), '');
  if (compact === '') return text.trim() === '' ? { kind: 'empty' } : { kind: 'invalid' };
  if (!/^[\d.,]+$/.test(compact) || !/\d/.test(compact)) return { kind: 'invalid' };

  const dots = compact.split('.').length - 1;
  const commas = compact.split(',').length - 1;
  let decimal: '.' | ',' | null;
  if (dots > 0 && commas > 0) {
    // Both: the last one is the decimal point, and it may appear only once.
    decimal = compact.lastIndexOf('.') > compact.lastIndexOf(',') ? '.' : ',';
    if ((decimal === '.' ? dots : commas) > 1) return { kind: 'invalid' };
  } else if (dots + commas === 0) {
    decimal = null;
  } else {
    const sep = dots > 0 ? '.' : ',';
    const after = compact.length - compact.lastIndexOf(sep) - 1;
    if (dots + commas > 1) decimal = null; // 1,000,000: groups only
    else if (after === 3 && separatorsFor(locale).group === sep) decimal = null;
    else decimal = sep;
  }

  const point = decimal === null ? -1 : compact.lastIndexOf(decimal);
  const whole = (point < 0 ? compact : compact.slice(0, point)).replace(/[.,]/g, '');
  const fraction = point < 0 ? '' : compact.slice(point + 1);
  if (decimal !== null && !/^\d*$/.test(fraction)) return { kind: 'invalid' };
  if (!groupsAreValid(point < 0 ? compact : compact.slice(0, point))) return { kind: 'invalid' };
  if (/[1-9]/.test(fraction.slice(2))) return { kind: 'fraction' };

  const digits = (whole === '' ? '0' : whole) + fraction.slice(0, 2).padEnd(2, '0');
  const cents = Number(digits.replace(/^0+(?=\d)/, ''));
  return Number.isSafeInteger(cents) ? { kind: 'cents', cents } : { kind: 'invalid' };
}

/** Group separators, where there are any, mark off exactly three digits each. */
function groupsAreValid(integerPart: string): boolean {
  const groups = integerPart.split(/[.,]/);
  if (groups.length === 1) return true;
  return groups[0] !== '' && groups[0]!.length <= 3 && groups.slice(1).every((g) => g.length === 3);
}

/** Cents as the field shows them: digits and the locale's decimal separator, no grouping ("1250,00" in fr). */
export function formatAmountInput(cents: number, locale: string): string {
  const whole = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return `${whole}${separatorsFor(locale).decimal}${rest}`;
}
