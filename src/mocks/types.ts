/**
 * The mock tenant's records. Money is integer cents and times are epoch milliseconds, as
 * everywhere inside the kit; `wire.ts` turns them into Omneo's dollars and `"YYYY-MM-DD
 * HH:mm:ss"` UTC text. The inspectors of a {@link MockTenant} hand out copies of these.
 */

/** A member (or a staff member: a profile with a `staff-number` identity). */
export interface MockProfile {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  mobilePhone: string | null;
  tier: { name: string; handle: string } | null;
  tags: string[];
  /** Points held; each point is worth one cent. */
  points: number;
  creditCents: number;
  /** Set on staff created through POST /staff (or seeded as staff). */
  joinedAt: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface MockIdentity {
  id: number;
  profileId: string;
  handle: string;
  identifier: string;
  isPrimary: boolean;
  isActive: boolean;
}

/** One reward: spent partly or wholly, nearest expiry first. */
export interface MockReward {
  id: number;
  profileId: string;
  /** What the reward was issued for. */
  valueCents: number;
  /** What is left to spend. */
  remainingCents: number;
  issuedAt: number;
  /** `null`: never expires. */
  expiresAt: number | null;
  /** The redemption whose refund issued it, if any. */
  sourceRedemptionId: number | null;
}

export interface MockBenefitDefinition {
  /** An integer, or a numeric string as Omneo's published samples show (`"12"`). */
  id: number | string;
  /** Omneo allows a nameless definition. */
  name: string | null;
  handle: string | null;
  type: 'discount' | 'value' | 'gift' | 'voucher' | 'bonus' | 'event' | 'competition' | 'other' | null;
  description: string | null;
  shortDescription: string | null;
  valueCents: number | null;
  imageUrl: string | null;
  redeemInstructionsStore: string | null;
}

/** A benefit instance held by one profile. */
export interface MockBenefit {
  id: number;
  profileId: string;
  definition: MockBenefitDefinition;
  issuedAt: number;
  expiresAt: number | null;
  timezone: string;
  valueCents: number | null;
  redeemCodePos: string | null;
  redemptionsAllowed: number;
  redemptionsRemaining: number;
}

/** One line of a redemption: what it took (or gave back). */
export interface MockRedemptionItem {
  /** The redemption item's own id (Omneo's `items[].id`). */
  itemId: number;
  /** The reward or benefit id (Omneo's `items[].type_attributes.id`); `null` for points and credits. */
  id: number | null;
  type: 'reward' | 'point' | 'benefit' | 'credit';
  /** Cents (for points: their value in cents, one per point). */
  valueCents: number;
  count: number;
}

export interface MockRedemption {
  id: number;
  profileId: string;
  type: 'redeem' | 'reversal' | 'return';
  /** `redeem` records: whether rewards/points/credits or a benefit were redeemed. */
  kind: 'balance' | 'benefit';
  totalCents: number;
  items: MockRedemptionItem[];
  strategies: string[];
  createdAt: number;
  /**
   * The POS sale id the write carried (`transaction_external_id`), or, for a reversal or
   * return sent without one, the original's. Omneo filters GET /redemptions on it but never
   * lists it: a listed redemption shows a sale id only through a recorded `transaction`.
   */
  transactionExternalId: string | null;
  transactionReceiptRef: string | null;
  locationId: number | null;
  /** The `meta` the write carried. */
  meta: Record<string, unknown> | null;
  /** For `reversal` and `return` records: the redemption they undo (kept internally; Omneo does not send it). */
  redemptionId: number | null;
  /** For `redeem` records: the reversal that undid it. */
  reversedBy: number | null;
  /** For `redeem` records: how much (cents) or how many benefits were given back so far. */
  returnedCents: number;
  returnedCount: number;
  /** The member's balances right after this record, as Omneo's wire object. */
  balancesAfter: Record<string, unknown>;
}

export interface MockTransaction {
  id: number;
  externalId: string | null;
  profileId: string | null;
  redemptionId: number | null;
  staffId: string | number | null;
  locationId: number | null;
  totalCents: number;
  totalOriginalCents: number | null;
  transactedAt: string;
  timezone: string;
  receiptRef: string | null;
  /** The items, payments and meta as they were sent. */
  items: unknown[];
  payments: unknown[];
  meta: unknown;
  createdAt: number;
  updatedAt: number;
}

export interface MockLocation {
  id: number;
  name: string;
  handle: string;
  timezone: string;
}

/** One request the tenant received. The Authorization header is never recorded. */
export interface MockRequestRecord {
  method: string;
  /** The resource path (`/profiles/...`), without the base URL. */
  path: string;
  query: Record<string, string>;
  /** The JSON body, the raw text when it is not JSON, or `undefined` when empty. */
  body: unknown;
}

/** Which requests a fault applies to. A string path matches exactly or as a suffix. */
export interface FaultMatch {
  method?: string;
  path?: RegExp | string;
}
