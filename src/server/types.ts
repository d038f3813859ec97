/**
 * The POS side of Omneo's profile sync: the customer record the webhook receiver keeps, and
 * the store contract any database can implement. No runtime code here.
 */

/** Where a customer record stands with respect to its Omneo profile. */
export type CustomerStatus = 'active' | 'merged' | 'deleted';

/** The member's balances as the last delivery that carried them said. */
export interface BalanceSnapshot {
  /** Rewards that can be spent, in cents. */
  rewardCents: number;
  /** Points held (a plain number, not money). */
  points: number;
  /** Rewards plus the points' value, in cents. */
  combinedCents: number;
}

/**
 * What a profile delivery asks the store to write: the profile already mapped to the POS's
 * fields once, by the receiver (profile-delivery.ts), so every store writes the same thing.
 */
export interface CustomerUpdate {
  /** The Omneo profile id (UUID): the record's key. */
  profileId: string;
  firstName: string | null;
  lastName: string | null;
  /** Omneo's `full_name`, or first and last name joined. */
  name: string | null;
  email: string | null;
  /** Omneo's `mobile_phone` (E.164). */
  phone: string | null;
  tier: { name: string | null; handle: string | null } | null;
  /** `null` when the delivery carried no balances: the stored snapshot is then kept. */
  balance: BalanceSnapshot | null;
  /** Omneo's `updated_at`, as written. */
  updatedAt: string;
  /** `updatedAt` as epoch milliseconds: deliveries are ordered by it. */
  updatedAtMs: number;
  /**
   * POS customer ids the profile already carries as active `pos-customer` identities, primary
   * first. A new record takes the first one no other record uses; otherwise the store assigns one.
   */
  posCustomerIds: readonly string[];
}

/** One POS customer, linked to one Omneo profile. */
export interface CustomerRecord {
  /** The POS's own customer id. Never changes once assigned, whatever happens in Omneo. */
  posCustomerId: string;
  /** The Omneo profile this customer was created for (unique). */
  profileId: string;
  /**
   * `merged`: the profile was merged into `mergedInto`, and the POS should use that profile for
   * this customer from now on. `deleted`: the profile is gone from Omneo; the personal fields
   * and balance are cleared, the ids are kept so the POS can recognise the customer.
   */
  status: CustomerStatus;
  /** The surviving profile id when `status` is `merged`, else `null`. */
  mergedInto: string | null;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  tier: { name: string | null; handle: string | null } | null;
  balance: BalanceSnapshot | null;
  /** Omneo's `updated_at` of the last delivery applied. */
  updatedAt: string | null;
  updatedAtMs: number | null;
}

/**
 * What an upsert did:
 * - `created` / `updated`: the record was written;
 * - `unchanged`: the same `updated_at` and the same data were already stored (a repeated delivery);
 * - `ignored-stale`: the stored record is newer than the delivery;
 * - `ignored-deleted` / `ignored-merged`: the profile was already deleted or merged away, so a
 *   late create or update does not bring it back.
 */
export type UpsertOutcome =
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'ignored-stale'
  | 'ignored-deleted'
  | 'ignored-merged';

export interface UpsertResult {
  outcome: UpsertOutcome;
  /** The record as stored after the call (`null` only for a profile the POS never had). */
  customer: CustomerRecord | null;
}

/** What a merge did, when it could be applied. */
export interface AppliedMerge {
  outcome: 'applied';
  /** What happened to the surviving profile's own record. */
  survivor: UpsertResult;
  /**
   * The profile the merged records now point at: the survivor, or, when the survivor had itself
   * been merged away already, the profile it was merged into (merges are final, so the chain
   * is followed rather than undone).
   */
  target: string;
  /** The records this call re-pointed to `target` (empty when all already were). */
  repointed: CustomerRecord[];
}

/** A merge that would make a record point at itself (a cycle): nothing was written. */
export interface RefusedMerge {
  outcome: 'refused';
  /** Why, in a sentence that names no personal field. */
  message: string;
}

export type MergeResult = AppliedMerge | RefusedMerge;

export interface DeleteResult {
  /** `deleted` when this call marked it; `unchanged` when it already was deleted or merged. */
  outcome: 'deleted' | 'unchanged';
  /** The record after the call; `null` when the POS never had this profile. */
  customer: CustomerRecord | null;
}

/**
 * Where the webhook receiver keeps POS customers. Methods are async so that any database can
 * implement it; each write method must be atomic (read, compare and write in one transaction),
 * so that concurrent deliveries for one profile cannot lose the newest.
 */
export interface CustomerStore {
  /**
   * Creates or updates the record of `update.profileId`, unless the stored one is newer
   * (`updatedAtMs` greater), or is identical with the same `updatedAtMs` (then nothing is
   * written), or was deleted or merged away.
   */
  upsert(update: CustomerUpdate): Promise<UpsertResult>;
  /**
   * Upserts the surviving profile like {@link upsert}, then marks the records of
   * `mergedProfileIds` as merged into it, along with any record that was merged into one of
   * them earlier (so a lookup is always one hop). Merges are final: applied whatever the order.
   * When the survivor was itself merged away, the merged records follow it to where it went;
   * when that would point a record at itself, the merge is refused and nothing is written.
   */
  merge(survivor: CustomerUpdate, mergedProfileIds: readonly string[]): Promise<MergeResult>;
  /**
   * Marks the profile deleted and clears its personal fields, keeping both ids. A profile the
   * store never had is remembered as deleted so that a late create cannot bring it back.
   */
  markDeleted(profileId: string): Promise<DeleteResult>;
  /**
   * Keeps a signed delivery that could not be applied, whole, for someone to look at: the
   * receiver then answers 2xx so that Omneo stops retrying it. The same event with the same
   * body kept twice is one entry (`unchanged` the second time).
   */
  keepUnappliable(delivery: UnappliableDelivery): Promise<{ outcome: 'kept' | 'unchanged' }>;
  /** The deliveries kept aside, oldest first. */
  listUnappliable(): Promise<KeptDelivery[]>;
  /** The record of an Omneo profile id, in any status; `null` when there is none. */
  get(profileId: string): Promise<CustomerRecord | null>;
  /** The record of a POS customer id, in any status; `null` when there is none. */
  getByPosId(posCustomerId: string): Promise<CustomerRecord | null>;
  /** Releases the store. Calling it twice is harmless; any other call after it fails. */
  close(): Promise<void>;
}

/**
 * Why a signed profile delivery could not be applied:
 * - `not-utf8` / `not-json` / `not-a-profile`: the body cannot be read as a profile;
 * - `invalid-profile`: a field fails the profile schema;
 * - `invalid-updated-at`: `updated_at` is missing or not a real date and time;
 * - `future-updated-at`: `updated_at` is far ahead of the receiver's clock;
 * - `no-merge-lineage`: a merge whose identities name no profile merged into it (`merged_from`);
 * - `merge-cycle`: a merge that would point a record at itself.
 */
export type UnappliableReason =
  | 'not-utf8'
  | 'not-json'
  | 'not-a-profile'
  | 'invalid-profile'
  | 'invalid-updated-at'
  | 'future-updated-at'
  | 'no-merge-lineage'
  | 'merge-cycle';

/** One reason a body was refused: where (a dotted path into the body) and why. */
export interface DeliveryIssue {
  path: string;
  message: string;
}

/** A signed delivery set aside, as received. */
export interface UnappliableDelivery {
  /** `X-Omneo-Event`. */
  event: string;
  /** The profile id, when the body had a readable one. */
  profileId: string | null;
  reason: UnappliableReason;
  /** What was wrong, field by field (no values from the body). */
  issues: DeliveryIssue[];
  /** The raw body bytes, exactly as signed. */
  body: Uint8Array;
  /** When the receiver got it (ISO 8601, UTC). */
  receivedAt: string;
}

/** A delivery kept aside, with the store's own id for it. */
export interface KeptDelivery extends UnappliableDelivery {
  id: number;
}

