/**
 * Omneo signs each webhook body: `X-Omneo-Hmac-SHA256` is the lowercase hex HMAC-SHA256 of the
 * raw body bytes, keyed with the tenant's shared secret. Web Crypto only, so the receiver runs
 * unchanged in Node, Deno, Bun and edge workers.
 */

const encoder = new TextEncoder();

/** Imports a shared secret (its UTF-8 bytes) as an HMAC-SHA256 key for signing and checking. */
export function importWebhookKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
}

function toHex(bytes: ArrayBuffer): string {
  let hex = '';
  for (const byte of new Uint8Array(bytes)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * The signature Omneo would send for `body`: lowercase hex HMAC-SHA256. `body` is signed as
 * given (bytes) or as its UTF-8 encoding (text). For tests, load scripts and hosts checking
 * their setup.
 */
export async function signWebhookBody(key: string | CryptoKey, body: Uint8Array<ArrayBuffer> | string): Promise<string> {
  const cryptoKey = typeof key === 'string' ? await importWebhookKey(key) : key;
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  return toHex(await crypto.subtle.sign('HMAC', cryptoKey, bytes));
}

/**
 * Whether `signature` (the header's value, or `null` when it is missing) is the HMAC of `body`.
 * The comparison takes the same time wherever the first difference is, so the answer's timing
 * tells an attacker nothing about the expected value; only its length (public: 64) may end it
 * early. Hex digits are compared case-insensitively.
 */
export async function verifyWebhookSignature(
  key: string | CryptoKey,
  body: Uint8Array<ArrayBuffer>,
  signature: string | null,
): Promise<boolean> {
  if (signature === null) return false;
  const given = signature.trim().toLowerCase();
  const expected = await signWebhookBody(key, body);
  if (given.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return difference === 0;
}
