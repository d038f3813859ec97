/**
 * Masking the personal data out of Omneo response bodies before the smoke command saves them,
 * so that a body from a real tenant can be kept, shared and turned into a fixture
 * (`test/fixtures/omneo/*.json`). Field names, structure, ids, amounts, types and timestamps
 * stay as Omneo sent them; what names, reaches or identifies a person does not.
 *
 * Two passes over the JSON: the first collects the personal values (a name, an email, a card
 * number), the second replaces them by field name and then wherever else they appear in a
 * string (a `links.first` URL carrying the card, a benefit named after the member).
 */

/** Names, contact details and other text about the person: replaced by `[masked]`. */
const PERSONAL_TEXT = new Set([
  'first_name', 'last_name', 'full_name', 'middle_name', 'preferred_name', 'nickname', 'title', 'gender',
  'company', 'company_name', 'address_line_1', 'address_line_2', 'address_line_3', 'street', 'street_address',
  'suburb', 'city', 'postcode', 'post_code', 'zip', 'zip_code',
]);
const EMAIL_KEYS = new Set(['email', 'email_address', 'secondary_email']);
const PHONE_KEYS = new Set(['mobile_phone', 'mobile_phone_e164', 'phone', 'phone_number', 'home_phone', 'work_phone', 'landline']);
/** Birth dates, in any of their forms: set to `null` (legal for each of them in Omneo). */
const BIRTH_KEYS = new Set(['birth_day', 'birth_month', 'birth_year', 'birthday', 'birth_date', 'date_of_birth', 'dob']);
/** Card numbers and codes: all but the last four characters masked. */
const IDENTIFIER_KEYS = new Set(['identifier', 'card_number', 'card_barcode', 'barcode', 'membership_number', 'member_number', 'redeem_code_pos']);
/** Objects whose every text and number is personal, except ids. */
const ADDRESS_KEYS = new Set(['address', 'addresses', 'billing_address', 'shipping_address', 'home_address', 'postal_address']);

export const MASKED_TEXT = '[masked]';
export const MASKED_EMAIL = 'masked@example.invalid';

const EMAIL_PATTERN = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi;
const PHONE_PATTERN = /\+\d{8,15}\b/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

const isId = (key: string) => key === 'id' || key.endsWith('_id') || key.endsWith('_ids');

/** `2770001234567` -> `*********4567`; four characters or fewer are masked whole. */
export function maskIdentifier(value: string): string {
  return value.length <= 4 ? '*'.repeat(value.length) : '*'.repeat(value.length - 4) + value.slice(-4);
}

const maskPhone = (value: string) => value.replace(/\d/g, '0');

/** What a personal value under `key` becomes; `undefined` when `key` holds nothing personal. */
function maskByKey(key: string, value: unknown): { masked: unknown } | undefined {
  if (value === null || value === undefined) return undefined;
  if (BIRTH_KEYS.has(key)) return { masked: null };
  if (typeof value !== 'string') return typeof value === 'number' && PERSONAL_TEXT.has(key) ? { masked: null } : undefined;
  if (EMAIL_KEYS.has(key)) return { masked: MASKED_EMAIL };
  if (PHONE_KEYS.has(key)) return { masked: maskPhone(value) };
  if (IDENTIFIER_KEYS.has(key)) return { masked: maskIdentifier(value) };
  if (PERSONAL_TEXT.has(key)) return { masked: MASKED_TEXT };
  return undefined;
}

/**
 * A secret seen in one field is replaced wherever it appears in another string. Short or
 * digit-bearing values need more length, so a staff number `2024` does not eat a year.
 */
function worthReplacing(value: string): boolean {
  if (UUID.test(value) || TIMESTAMP.test(value)) return false;
  return /\d/.test(value) ? value.length >= 6 : value.trim().length >= 3;
}

/** Collects every personal value in `value` and what it becomes. */
function collect(value: unknown, secrets: Map<string, string>, inAddress = false): void {
  if (Array.isArray(value)) return value.forEach((item) => collect(item, secrets, inAddress));
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const lower = key.toLowerCase();
    const byKey = maskByKey(lower, child);
    if (typeof child === 'string' && worthReplacing(child)) {
      if (byKey && typeof byKey.masked === 'string') secrets.set(child, byKey.masked);
      else if (byKey || (inAddress && !isId(lower))) secrets.set(child, MASKED_TEXT);
    }
    collect(child, secrets, inAddress || ADDRESS_KEYS.has(lower));
  }
}

/** `text` with every collected secret, email address and phone number replaced. */
function scrub(text: string, secrets: ReadonlyMap<string, string>): string {
  if (UUID.test(text) || TIMESTAMP.test(text)) return text;
  let out = text;
  // Longest first, so a full name goes before the first name inside it.
  for (const secret of [...secrets.keys()].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(secrets.get(secret)!);
  }
  return out.replace(EMAIL_PATTERN, MASKED_EMAIL).replace(PHONE_PATTERN, maskPhone);
}

function rewrite(value: unknown, secrets: ReadonlyMap<string, string>, inAddress: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, secrets, inAddress));
  if (typeof value === 'string') return scrub(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const lower = key.toLowerCase();
    const byKey = maskByKey(lower, child);
    if (byKey) out[key] = byKey.masked;
    else if (inAddress && !isId(lower) && (typeof child === 'string' || typeof child === 'number')) out[key] = typeof child === 'string' ? MASKED_TEXT : null;
    else out[key] = rewrite(child, secrets, inAddress || ADDRESS_KEYS.has(lower));
  }
  return out;
}

/**
 * A body with its personal data masked. `extraSecrets` are values to replace wherever they
 * appear (the card number the command was given, say), each with what replaces it.
 */
export function maskBody(body: unknown, extraSecrets: ReadonlyMap<string, string> = new Map()): unknown {
  const secrets = new Map(extraSecrets);
  collect(body, secrets);
  return rewrite(body, secrets, false);
}

/** A body that is not JSON (an HTML error page from a proxy): its text, scrubbed the same way. */
export function maskText(text: string, extraSecrets: ReadonlyMap<string, string> = new Map()): string {
  return scrub(text, extraSecrets);
}
