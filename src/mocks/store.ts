/**
 * The tenant's state: its records, its clock and its id sequences, with the reads every
 * operation shares (lookups that 404, what is spendable now). One store per tenant; nothing
 * here is module-level.
 */
import { notFound } from './errors.js';
import type {
  MockBenefit,
  MockIdentity,
  MockLocation,
  MockProfile,
  MockRedemption,
  MockReward,
  MockTransaction,
} from './types.js';

/** The tenant's clock. Only tests move it; it never ticks by itself. */
export interface MockClock {
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function createClock(start: number): MockClock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    set(ms) {
      now = ms;
    },
  };
}

/** A benefit's state, derived from its expiry and what is left of it. */
export type BenefitStatus = 'active' | 'redeemed' | 'expired';

/** A tenant's whole state as plain data; see {@link MockStore.snapshot}. */
export interface MockSnapshot {
  v: 1;
  /** The clock when the snapshot was taken. */
  now: number;
  profiles: MockProfile[];
  identities: MockIdentity[];
  rewards: MockReward[];
  benefits: MockBenefit[];
  redemptions: MockRedemption[];
  transactions: MockTransaction[];
  locations: MockLocation[];
  nextIntId: number;
  nextProfileNumber: number;
}

/** Ids for records made at run time start here, well clear of the seed's. */
const FIRST_RUNTIME_ID = 10_001;

export class MockStore {
  readonly profiles = new Map<string, MockProfile>();
  readonly identities: MockIdentity[] = [];
  readonly rewards: MockReward[] = [];
  readonly benefits: MockBenefit[] = [];
  readonly redemptions: MockRedemption[] = [];
  readonly transactions: MockTransaction[] = [];
  readonly locations: MockLocation[] = [];
  private nextIntId = FIRST_RUNTIME_ID;
  private nextProfileNumber = 1;

  constructor(readonly clock: MockClock) {}

  /** Every record and counter as plain JSON, so a tenant can outlive a page reload (the demo's). */
  snapshot(): MockSnapshot {
    return structuredClone({
      v: 1 as const,
      now: this.now(),
      profiles: [...this.profiles.values()],
      identities: this.identities,
      rewards: this.rewards,
      benefits: this.benefits,
      redemptions: this.redemptions,
      transactions: this.transactions,
      locations: this.locations,
      nextIntId: this.nextIntId,
      nextProfileNumber: this.nextProfileNumber,
    });
  }

  /** Replaces every record and counter with a snapshot's. */
  restore(snapshot: MockSnapshot): void {
    const copy = structuredClone(snapshot);
    this.profiles.clear();
    for (const p of copy.profiles) this.profiles.set(p.id, p);
    this.identities.splice(0, Infinity, ...copy.identities);
    this.rewards.splice(0, Infinity, ...copy.rewards);
    this.benefits.splice(0, Infinity, ...copy.benefits);
    // Snapshots taken before items had their own ids, or redemptions their meta, still load.
    let itemId = Math.max(copy.nextIntId, FIRST_RUNTIME_ID);
    for (const r of copy.redemptions) {
      r.meta ??= null;
      for (const i of r.items) i.itemId ??= itemId++;
    }
    this.redemptions.splice(0, Infinity, ...copy.redemptions);
    this.transactions.splice(0, Infinity, ...copy.transactions);
    this.locations.splice(0, Infinity, ...copy.locations);
    this.nextIntId = Math.max(copy.nextIntId, itemId);
    this.nextProfileNumber = copy.nextProfileNumber;
  }

  now(): number {
    return this.clock.now();
  }

  /** A fresh integer id (identities, rewards, benefits, redemptions, transactions). */
  intId(): number {
    return this.nextIntId++;
  }

  /** A fresh, deterministic UUID (v4 layout) for a profile made at run time. */
  profileId(): string {
    const n = (this.nextProfileNumber++).toString(16).padStart(12, '0');
    return `c7ea7ed0-0000-4000-8000-${n}`;
  }

  profile(id: string): MockProfile {
    const p = this.profiles.get(id);
    if (!p) throw notFound('Profile not found.');
    return p;
  }

  identitiesOf(profileId: string): MockIdentity[] {
    return this.identities.filter((i) => i.profileId === profileId);
  }

  /** A staff member: a profile with a `staff-number` identity. */
  isStaff(profileId: string): boolean {
    return this.identities.some((i) => i.profileId === profileId && i.handle === 'staff-number');
  }

  redemption(id: number): MockRedemption {
    const r = this.redemptions.find((x) => x.id === id);
    if (!r) throw notFound('Redemption not found.');
    return r;
  }

  location(id: number): MockLocation | undefined {
    return this.locations.find((l) => l.id === id);
  }

  /** Rewards that can be spent now, nearest expiry first (never-expiring last, then by id). */
  spendableRewards(profileId: string): MockReward[] {
    const now = this.now();
    return this.rewards
      .filter((r) => r.profileId === profileId && r.remainingCents > 0 && (r.expiresAt === null || r.expiresAt > now))
      .sort((a, b) => (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity) || a.id - b.id);
  }

  rewardBalanceCents(profileId: string): number {
    return this.spendableRewards(profileId).reduce((sum, r) => sum + r.remainingCents, 0);
  }

  benefitStatus(b: MockBenefit): BenefitStatus {
    if (b.expiresAt !== null && b.expiresAt <= this.now()) return 'expired';
    return b.redemptionsRemaining > 0 ? 'active' : 'redeemed';
  }

  benefitsOf(profileId: string): MockBenefit[] {
    return this.benefits.filter((b) => b.profileId === profileId);
  }

  /** The value of the active benefits that carry one, in cents. */
  benefitBalanceCents(profileId: string): number {
    return this.benefitsOf(profileId)
      .filter((b) => this.benefitStatus(b) === 'active')
      .reduce((sum, b) => sum + (b.valueCents ?? b.definition.valueCents ?? 0) * b.redemptionsRemaining, 0);
  }

  /** Marks a profile changed now (Omneo's `updated_at`). */
  touch(profileId: string): void {
    const p = this.profiles.get(profileId);
    if (p) p.updatedAt = this.now();
  }
}
