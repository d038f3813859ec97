/**
 * Recorded sales. Omneo validates the required fields per field (items per item, Laravel's
 * `items.0.name` keys), checks that a linked redemption belongs to the sale's profile, and
 * treats a transaction as immutable: POST /transactions refuses an `external_id` it already
 * has, while POST /transactions/update-create updates the one with that `external_id`.
 */
import { FieldErrors, asObject, readCents, readDateTime, readInt, readRequired, readText, readTimezone } from './errors.js';
import type { MockStore } from './store.js';
import type { MockTransaction } from './types.js';

/** What the validated body says, before it becomes (or updates) a record. */
type TransactionFields = Omit<MockTransaction, 'id' | 'createdAt' | 'updatedAt'>;

function readItems(o: Record<string, unknown>, errors: FieldErrors): unknown[] {
  const items = o['items'];
  if (!Array.isArray(items) || items.length === 0) {
    errors.add('items', Array.isArray(items) || items === undefined || items === null ? 'The items field is required.' : 'The items must be an array.');
    return [];
  }
  items.forEach((raw, i) => {
    const item = asObject(raw);
    const key = (f: string) => `items.${i}.${f}`;
    readRequired(item, 'name', errors, key('name'));
    if (readRequired(item, 'quantity', errors, key('quantity'))) {
      const q = Number(item['quantity']);
      if (!Number.isFinite(q) || typeof item['quantity'] === 'boolean') errors.add(key('quantity'), 'The quantity must be a number.');
    }
    readCents(item, 'price_current', errors, { required: true, key: key('price_current') });
    readCents(item, 'price_sell', errors, { required: true, key: key('price_sell') });
    readCents(item, 'price_original', errors, { key: key('price_original') });
  });
  return structuredClone(items);
}

function readTransaction(store: MockStore, body: unknown, requireExternalId: boolean): TransactionFields {
  const o = asObject(body);
  const errors = new FieldErrors();
  if (requireExternalId) readRequired(o, 'external_id', errors);
  const total = readCents(o, 'total', errors, { required: true });
  const transactedAt = readDateTime(o, 'transacted_at', errors);
  const timezone = readTimezone(o, 'timezone', errors);
  const items = readItems(o, errors);
  const totalOriginal = readCents(o, 'total_original', errors) ?? null;
  const externalId = readText(o, 'external_id', errors);
  const receiptRef = readText(o, 'receipt_ref', errors);

  const profileId = readText(o, 'profile_id', errors);
  if (profileId !== null && !store.profiles.has(profileId)) errors.add('profile_id', 'The selected profile id is invalid.');

  const redemptionId = readInt(o, 'redemption_id', errors);
  if (redemptionId !== null) {
    const r = store.redemptions.find((x) => x.id === redemptionId);
    if (!r) errors.add('redemption_id', 'The selected redemption id is invalid.');
    else if (r.profileId !== profileId) errors.add('redemption_id', 'The redemption does not belong to the profile.');
  }

  const locationId = readInt(o, 'location_id', errors);
  if (locationId !== null && !store.location(locationId)) errors.add('location_id', 'The selected location id is invalid.');

  // Omneo has been seen to send staff_id as a number and as a string; keep what was sent.
  const staffRaw = o['staff_id'];
  const staffId = typeof staffRaw === 'number' || (typeof staffRaw === 'string' && staffRaw !== '') ? staffRaw : null;
  if (staffRaw !== undefined && staffRaw !== null && staffId === null) errors.add('staff_id', 'The staff id must be a string or a number.');

  const payments = o['payments'];
  if (payments !== undefined && payments !== null && !Array.isArray(payments)) errors.add('payments', 'The payments must be an array.');
  errors.throwIfAny();

  return {
    externalId,
    profileId,
    redemptionId,
    staffId,
    locationId,
    totalCents: total ?? 0,
    totalOriginalCents: totalOriginal,
    transactedAt: transactedAt ?? '',
    timezone: timezone ?? '',
    receiptRef,
    items,
    payments: Array.isArray(payments) ? structuredClone(payments) : [],
    meta: o['meta'] === undefined ? null : structuredClone(o['meta']),
  };
}

function create(store: MockStore, fields: TransactionFields): MockTransaction {
  const now = store.now();
  const t: MockTransaction = { id: store.intId(), createdAt: now, updatedAt: now, ...fields };
  store.transactions.push(t);
  if (t.profileId) store.touch(t.profileId);
  return t;
}

/** POST /transactions. */
export function createTransaction(store: MockStore, body: unknown): MockTransaction {
  const fields = readTransaction(store, body, false);
  if (fields.externalId !== null && store.transactions.some((t) => t.externalId === fields.externalId)) {
    const errors = new FieldErrors();
    errors.add('external_id', 'The external id has already been taken.');
    errors.throwIfAny();
  }
  return create(store, fields);
}

/** POST /transactions/update-create: one transaction per `external_id`, whatever the retries. */
export function upsertTransaction(store: MockStore, body: unknown): { transaction: MockTransaction; created: boolean } {
  const fields = readTransaction(store, body, true);
  const existing = store.transactions.find((t) => t.externalId === fields.externalId);
  if (!existing) return { transaction: create(store, fields), created: true };
  Object.assign(existing, fields, { updatedAt: store.now() });
  return { transaction: existing, created: false };
}
