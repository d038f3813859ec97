/**
 * `omneo-pos-kit/server/node-signature`: the webhook signature check on Node's own `crypto`
 * (HMAC-SHA256 and `timingSafeEqual`), for `ProfileWebhookOptions.verifySignature`. Same answer
 * as the Web Crypto default (`verifyWebhookSignature`), without its per-call thread-pool hop:
 * about ten times less CPU a delivery. Node only.
 */
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

/** A constant-time check of the lowercase hex HMAC-SHA256 of the body, keyed with `secret`. */
export function nodeSignatureVerifier(secret: string): (body: Uint8Array, signature: string | null) => boolean {
  if (typeof secret !== 'string' || secret === '') throw new TypeError('nodeSignatureVerifier needs the webhook secret.');
  // The key is prepared once, not once a delivery.
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return (body, signature) => {
    if (signature === null) return false;
    const given = Buffer.from(signature.trim().toLowerCase(), 'utf8');
    const expected = Buffer.from(createHmac('sha256', key).update(body).digest('hex'), 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
}
