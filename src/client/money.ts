/**
 * Money crosses the client boundary here and nowhere else: Omneo speaks decimal dollars
 * (`25`, `99.99`, sometimes `"99.99"`), the kit speaks integer cents.
 */
import { OmneoInputError } from './errors.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A dollar amount's decimal text, split: its sign, whole digits and fraction digits; `undefined`
 * when it is not a finite decimal. A number is read by its shortest round-trip text (0.29 ->
 * "0.29"); one that has only an exponent form (1e-7) is expanded when `expandExponent`, refused
 * otherwise, and past 1e21 always refused.
 */
function decimalParts(value: unknown, expandExponent: boolean): { negative: boolean; whole: string; fraction: string } | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
    if (/e/i.test(text)) {
      if (!expandExponent || Math.abs(value) >= 1e21) return undefined;
      text = value.toFixed(20);
    }
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  if (!DECIMAL.test(text)) return undefined;
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  return { negative: text.startsWith('-'), whole, fraction };
}

/** Signed cents from a magnitude: "-0" and "-0.00" are zero, never a negative zero ("-$0.00"). */
const signed = (negative: boolean, magnitude: number) => (negative && magnitude !== 0 ? -magnitude : magnitude);

/**
 * Reads a dollar amount (a JSON number or a numeric string) as integer cents.
 * Returns `undefined` when the value is not a finite amount of whole cents: `"abc"`, `NaN`,
 * `1e999` and `0.005` are all refused, never rounded into something else.
 *
 * The conversion is done on the decimal text, not with floating-point multiplication, so
 * `0.29` is 29 cents (where `0.29 * 100` is `28.999999999999996`).
 */
export function dollarsToCents(value: unknown): number | undefined {
  const parts = decimalParts(value, false);
  // Trailing zeros beyond the cents are harmless ("25.000"); any other digit there is not.
  if (!parts || !/^\d{0,2}0*$/.test(parts.fraction)) return undefined;
  const cents = Number(parts.whole) * 100 + Number(parts.fraction.slice(0, 2).padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? signed(parts.negative, cents) : undefined;
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
  const parts = decimalParts(value, true);
  if (!parts) return undefined;
  const { negative, whole, fraction } = parts;
  let magnitude = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  const rest = fraction.slice(2);
  if (/[1-9]/.test(rest) && (rounding === 'floor' ? negative : rest[0]! >= '5')) magnitude += 1;
  return Number.isSafeInteger(magnitude) ? signed(negative, magnitude) : undefined;
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
