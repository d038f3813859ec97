/**
 * Money crosses the client boundary here and nowhere else: Omneo speaks decimal dollars
 * (`25`, `99.99`, sometimes `"99.99"`), the kit speaks integer cents.
 */
import { OmneoInputError } from './errors.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Reads a dollar amount (a JSON number or a numeric string) as integer cents.
 * Returns `undefined` when the value is not a finite amount of whole cents: `"abc"`, `NaN`,
 * `1e999` and `0.005` are all refused, never rounded into something else.
 *
 * The conversion is done on the decimal text, not with floating-point multiplication, so
 * `0.29` is 29 cents (where `0.29 * 100` is `28.999999999999996`).
 */
export function dollarsToCents(value: unknown): number | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    // Shortest round-trip text of the number: 0.29 -> "0.29", 1e21 -> "1e+21" (refused below).
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  if (!DECIMAL.test(text)) return undefined;
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  // Trailing zeros beyond the cents are harmless ("25.000"); any other digit there is not.
  if (!/^\d{0,2}0*$/.test(fraction)) return undefined;
  const cents = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return undefined;
  // "-0" and "-0.00" are zero, never a negative zero that would show as "-$0.00".
  return negative && cents !== 0 ? -cents : cents;
}

/**
 * How an amount with more than two decimals becomes cents:
 * - `'floor'`: down to the cent below (towards negative infinity). Balances are read this way, so
 *   what the till offers to redeem is never more than the member holds (12.345 -> 1234).
 * - `'nearest'`: to the nearest cent, halves away from zero (12.345 -> 1235, -0.005 -> -1).
 */
export type CentsRounding = 'floor' | 'nearest';

/**
 * Reads any dollar amount Omneo may send (a float with many decimals, a negative balance, a
 * numeric string) as integer cents, rounded once by `rounding`. The rounding is done on the
 * decimal text, never by floating-point multiplication. Returns `undefined` for anything that is
 * not a finite amount (`"abc"`, `NaN`, `Infinity`, past 2^53 cents). `-0` is 0.
 */
export function amountToCents(value: unknown, rounding: CentsRounding): number | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
    // 1e-7 and 1.5e+21 have no plain decimal text; toFixed gives one below 1e21.
    if (/e/i.test(text)) {
      if (Math.abs(value) >= 1e21) return undefined;
      text = value.toFixed(20);
    }
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  if (!DECIMAL.test(text)) return undefined;
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  let magnitude = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  const rest = fraction.slice(2);
  if (/[1-9]/.test(rest)) {
    if (rounding === 'floor' ? negative : rest[0]! >= '5') magnitude += 1;
  }
  if (!Number.isSafeInteger(magnitude)) return undefined;
  return negative && magnitude !== 0 ? -magnitude : 0 + magnitude;
}

/**
 * Writes integer cents as the dollar number Omneo expects. Every integer number of cents
 * has an exact two-decimal JSON text (`1999` -> `19.99`), so nothing is lost on the wire.
 * Throws {@link OmneoInputError} for anything that is not a safe integer.
 */
export function centsToDollars(cents: number): number {
  if (!Number.isSafeInteger(cents)) {
    throw new OmneoInputError(`An amount must be a whole number of cents, got ${String(cents)}.`);
  }
  return cents === 0 ? 0 : cents / 100;
}
