/** Shared fixtures for the webhook receiver's Node tests: profiles, signed deliveries, temp stores. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhookBody } from '../../../src/server/signature.js';

export const SECRET = 'whsec_test_0123456789';

/** A fixed UUID per small number, so tests read `profileId(1)` rather than hex. */
export function profileId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Omneo's `"YYYY-MM-DD HH:mm:ss"` for 2026-11-25 10:00:00 UTC plus `seconds`. */
export function omneoTime(seconds: number): string {
  return new Date(Date.UTC(2026, 10, 25, 10, 0, 0) + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** A webhook profile body as Omneo sends it: the profile plus flattened tags and statuses. */
export function profileBody(n: number, seconds: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: profileId(n),
    first_name: 'Ada',
    last_name: `Lovelace ${seconds}`,
    full_name: `Ada Lovelace ${seconds}`,
    email: `ada${n}@example.com`,
    mobile_phone: '+61400000000',
    tier: { name: 'Gold', handle: 'gold' },
    identities: [],
    tags: ['vip'],
    flattened_tags: 'vip',
    flattened_statuses: 'active',
    updated_at: omneoTime(seconds),
    ...extra,
  };
}

export interface DeliveryOptions {
  secret?: string;
  /** Replaces the computed signature; `null` leaves the header out. */
  signature?: string | null;
  /** Changes the body after signing it. */
  tamper?: (body: string) => string;
  headers?: Record<string, string>;
}

/** A signed POST delivery of `event` with `body` (an object is sent as JSON, a string as is). */
export async function delivery(event: string | null, body: unknown, options: DeliveryOptions = {}): Promise<Request> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const signature =
    options.signature === undefined ? await signWebhookBody(options.secret ?? SECRET, text) : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (event !== null) headers['x-omneo-event'] = event;
  if (signature !== null) headers['x-omneo-hmac-sha256'] = signature;
  return new Request('http://pos.test/webhooks/omneo', {
    method: 'POST',
    headers,
    body: options.tamper ? options.tamper(text) : text,
  });
}

/** A temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'omneo-webhook-'));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The array shuffled (Fisher–Yates) with a seeded generator, so a failure can be replayed. */
export function shuffled<T>(items: readonly T[], seed = 42): T[] {
  const out = [...items];
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
