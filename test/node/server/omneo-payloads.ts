/**
 * Webhook bodies in Omneo's published shapes, written from Omneo's SDK types (GitHub
 * `omneo/omneo-sdk`): `src/types/profile.ts` (`Profile`, and `ProfileWebhook` = the profile plus
 * `flattened_tags` and `flattened_statuses`) and `src/types/identities.ts` (`Identity`, whose
 * `merged_from: string | null` is the only merge lineage Omneo has: no `merged_profile_ids`).
 * Values are made up; the fields and their types are Omneo's.
 */
import { omneoTime, profileId } from './fixtures.js';

/** An identity as Omneo sends it; `mergedFrom` names the profile it was moved over from. */
export function omneoIdentity(
  id: number,
  owner: string,
  handle: string,
  identifier: string,
  mergedFrom: string | null = null,
): Record<string, unknown> {
  return {
    id,
    merged_from: mergedFrom,
    profile_id: owner,
    is_primary: mergedFrom === null,
    is_active: true,
    identifier,
    handle,
    created_at: omneoTime(-86_400),
    updated_at: omneoTime(-3_600),
  };
}

/**
 * The profile `n` as a `ProfileWebhook` body, last updated at `omneoTime(seconds)`, with a
 * loyalty card identity of its own. `extra` replaces or adds fields.
 */
export function omneoProfile(n: number, seconds: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const id = profileId(n);
  return {
    id,
    title: 'Ms',
    first_name: 'Grace',
    last_name: `Hopper ${n}`,
    email: `grace${n}@example.com`,
    gender: 'female',
    currency: 'AUD',
    joined_at: '2024-03-01 09:30:00',
    mobile_phone: '0400 000 000',
    mobile_phone_country: 'AU',
    mobile_phone_national: '400000000',
    mobile_phone_national_prefix: '0',
    mobile_phone_e164: '+61400000000',
    birth_day: 9,
    birth_month: 12,
    birth_year: 1986,
    birth_date: '1986-12-09',
    company: null,
    is_completed: true,
    joined_location_id: 12,
    preferred_location_id: 12,
    custom_fields: { favourite_store: 'Fitzroy' },
    tier_handle: 'gold',
    tier: { id: 3, name: 'Gold', handle: 'gold' },
    identities: [omneoIdentity(1000 + n, id, 'loyalty-card', `4000${String(n).padStart(8, '0')}`)],
    tags: ['vip'],
    statuses: ['active'],
    reward_balance: 15,
    point_balance: 240,
    point_balance_dollars: 2.4,
    combined_balance_dollars: 17.4,
    profile_type: 'active',
    created_at: '2024-03-01 09:30:00',
    updated_at: omneoTime(seconds),
    flattened_tags: ['vip'],
    flattened_statuses: ['active'],
    ...extra,
  };
}

/**
 * A `profile.merged` body: the surviving profile `survivor`, carrying the loyalty cards of the
 * profiles in `merged`, each identity naming the profile it came from in `merged_from`.
 */
export function omneoMerged(survivor: number, merged: readonly number[], seconds: number): Record<string, unknown> {
  const owner = profileId(survivor);
  const own = omneoIdentity(1000 + survivor, owner, 'loyalty-card', `4000${String(survivor).padStart(8, '0')}`);
  const moved = merged.map((m) => omneoIdentity(1000 + m, owner, 'loyalty-card', `4000${String(m).padStart(8, '0')}`, profileId(m)));
  return omneoProfile(survivor, seconds, { identities: [own, ...moved] });
}

/** A `profile.deleted` body that carries nothing but the id, as Omneo may send it. */
export function omneoDeleted(n: number): Record<string, unknown> {
  return { id: profileId(n) };
}
