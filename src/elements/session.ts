/**
 * The `OmneoSession`: what the elements under one ancestor share, so that the member chosen in
 * the lookup flows to the balance, the benefits and the redemption panel, the benefits chosen
 * in the picker flow to the panel, and balances refresh after a redemption, with no wiring by
 * the host.
 *
 * It is a plain `EventTarget`-based store handed down through `@lit/context`. It holds no token:
 * the client's transport does.
 *
 * **A held redemption owns its member and benefits.** From the moment the cashier presses Redeem
 * until the redemption settles (recorded, reversed or refunded), the panel *holds* the session:
 * `held` is true and `lockedReason` says why. While held, the member and the chosen benefits
 * cannot change: `<omneo-member-lookup>` refuses a scan or a search choice (and says why), its
 * "Change member" is unavailable, `<omneo-benefit-picker>` cannot be ticked, and `setProfile`
 * with another member, `setBenefits` with other benefits and `newSale()` throw an
 * `OmneoSessionLockedError`. A till settles the sale first (`panel.complete()`,
 * `panel.paymentFailed()` or `panel.abandon()`), then moves on. This is the behaviour a till
 * wants: a redemption that follows the screen to another member would be recorded on a profile
 * nobody sees.
 */
import { ContextProvider, ContextRoot, createContext } from '@lit/context';
import type { Benefit, OmneoClient, Profile } from '../client/index.js';

/** The context key elements consume the session with. */
export const omneoSessionContext = createContext<OmneoSession | undefined>(Symbol.for('omneo-pos-kit/session'));

export interface OmneoSessionOptions {
  /** The client every element under the provider uses unless given its own. */
  client: OmneoClient;
  /** ISO 4217 code money is shown in. Default `AUD`. */
  currency?: string;
  /** A BCP 47 locale for text and numbers, used where no `lang` is set nearer the element. */
  locale?: string;
  /** The member already chosen, if any. */
  profile?: Profile | null;
}

/** Why a session's member and benefits cannot change: a redemption of theirs is not settled yet. */
export type OmneoSessionLockReason = 'redemption-unsettled';

/** What changed in a session. */
export type OmneoSessionChange =
  | { kind: 'profile'; profile: Profile | null }
  | { kind: 'benefits'; benefits: readonly Benefit[] }
  | { kind: 'balances-stale'; profileId: string }
  /** The session was held or let go (see `OmneoSession.held`). */
  | { kind: 'lock'; held: boolean; lockedReason: OmneoSessionLockReason | null }
  /** `newSale()` was called: the member and benefits are cleared; elements drop what they typed. */
  | { kind: 'new-sale' };

/**
 * Thrown when the member, the benefits or the sale of a held session would change
 * (`code: 'redemption_unsettled'`). Settle the redemption first.
 */
export class OmneoSessionLockedError extends Error {
  readonly code = 'redemption_unsettled' as const;
  override readonly name = 'OmneoSessionLockedError';
  constructor(readonly attempted: 'profile' | 'benefits' | 'new-sale') {
    super(`A redemption of this sale is not settled yet: complete it, or settle it as unpaid, before changing the ${attempted === 'new-sale' ? 'sale' : attempted === 'profile' ? 'member' : 'benefits'}.`);
  }
}

/** Fired on the session (not in the DOM) for each change. */
export class OmneoSessionChangeEvent extends Event {
  constructor(readonly change: OmneoSessionChange) {
    super('change');
  }
}

/** The shared state of the elements under one provider. */
export class OmneoSession extends EventTarget {
  readonly client: OmneoClient;
  readonly currency: string;
  readonly locale: string | undefined;
  #profile: Profile | null;
  #benefits: readonly Benefit[] = [];
  /** Who holds the session (panels with an unsettled redemption). */
  readonly #holders = new Set<object>();

  constructor(options: OmneoSessionOptions) {
    super();
    this.client = options.client;
    this.currency = options.currency ?? 'AUD';
    this.locale = options.locale;
    this.#profile = options.profile ?? null;
  }

  /** The member chosen for this sale, or `null`. */
  get profile(): Profile | null {
    return this.#profile;
  }

  /**
   * Chooses (or, with `null`, clears) the member. Another member's benefits are forgotten (a
   * fresher copy of the same member keeps them). Subscribers hear of it; no DOM event fires.
   */
  setProfile(profile: Profile | null): void {
    if (profile === this.#profile) return;
    if (this.held && profile?.id !== this.#profile?.id) throw new OmneoSessionLockedError('profile');
    const dropped = profile?.id !== this.#profile?.id && this.#benefits.length > 0;
    this.#profile = profile;
    if (dropped) this.#benefits = [];
    this.dispatchEvent(new OmneoSessionChangeEvent({ kind: 'profile', profile }));
    if (dropped) this.dispatchEvent(new OmneoSessionChangeEvent({ kind: 'benefits', benefits: this.#benefits }));
  }

  /** The member's benefits chosen to redeem with this sale (by the picker, or the host). */
  get benefits(): readonly Benefit[] {
    return this.#benefits;
  }

  /**
   * Chooses the benefits to redeem: `<omneo-benefit-picker>` calls it on each choice, and the
   * panel follows. A host with a benefit list of its own may call it instead.
   */
  setBenefits(benefits: readonly Benefit[]): void {
    if (benefits === this.#benefits) return;
    if (this.held) {
      // A fresher copy of the same choice is no change; another choice is refused.
      const same = benefits.length === this.#benefits.length && benefits.every((b, i) => b.id === this.#benefits[i]!.id);
      if (same) return;
      throw new OmneoSessionLockedError('benefits');
    }
    this.#benefits = benefits;
    this.dispatchEvent(new OmneoSessionChangeEvent({ kind: 'benefits', benefits }));
  }

  /**
   * Whether a redemption of this session is unsettled (redeeming, held, recording, reversing or
   * refunding): the member and the benefits are locked until it settles. Elements showing a
   * member or benefits disable their choices while it is true; a `lock` change says when it flips.
   */
  get held(): boolean {
    return this.#holders.size > 0;
  }

  /** Why the member and benefits are locked (`'redemption-unsettled'`), or `null` when they are not. */
  get lockedReason(): OmneoSessionLockReason | null {
    return this.held ? 'redemption-unsettled' : null;
  }

  /**
   * Locks the member and benefits for `owner` (the panel calls it as a redemption starts).
   * Idempotent per owner; the lock lasts until every owner has called `release`.
   */
  hold(owner: object): void {
    if (this.#holders.has(owner)) return;
    this.#holders.add(owner);
    if (this.#holders.size === 1) this.dispatchEvent(new OmneoSessionChangeEvent({ kind: 'lock', held: true, lockedReason: this.lockedReason }));
  }

  /** Lets go of `owner`'s lock (its redemption settled, or it never started). */
  release(owner: object): void {
    if (!this.#holders.delete(owner) || this.held) return;
    this.dispatchEvent(new OmneoSessionChangeEvent({ kind: 'lock', held: false, lockedReason: null }));
  }

  /**
   * Starts a new sale: clears the member and the chosen benefits, and tells the elements to drop
   * the amount and any notice. Throws `OmneoSessionLockedError` while a redemption is unsettled.
   */
  newSale(): void {
    if (this.held) throw new OmneoSessionLockedError('new-sale');
    this.setProfile(null);
    if (this.#benefits.length > 0) this.setBenefits([]);
    this.dispatchEvent(new OmneoSessionChangeEvent({ kind: 'new-sale' }));
  }

  /** Says a redemption for this member settled: balance elements showing them reload. */
  notifyRedemptionSettled(profileId: string): void {
    this.dispatchEvent(new OmneoSessionChangeEvent({ kind: 'balances-stale', profileId }));
  }

  /** Calls `listener` on each change until the returned function is called. */
  subscribe(listener: (change: OmneoSessionChange) => void): () => void {
    const handler = (event: Event) => listener((event as OmneoSessionChangeEvent).change);
    this.addEventListener('change', handler);
    return () => this.removeEventListener('change', handler);
  }
}

/**
 * Provides a session to every kit element inside `host` (an element of any kind: a `<div>`,
 * the host app's own component) and returns it. Elements already connected under `host`
 * receive it too.
 */
export function provideOmneoSession(host: HTMLElement, options: OmneoSessionOptions): OmneoSession {
  const session = new OmneoSession(options);
  const provider = new ContextProvider(host, { context: omneoSessionContext, initialValue: session });
  // A Lit host announces the provider when it connects; a plain element is announced here,
  // so consumers that asked before it existed (see `watchForLateSessions`) ask again.
  if (!('addController' in host) && host.isConnected) provider.hostConnected();
  return session;
}

// One ContextRoot per document, so an element connected before its provider still gets the
// session. It keeps only weak references, and attaching it twice would re-send requests twice.
const watchedDocuments = new WeakSet<Document>();

/** Makes `doc` re-send unanswered session requests when a provider appears. Idempotent. */
export function watchForLateSessions(doc: Document): void {
  if (watchedDocuments.has(doc)) return;
  watchedDocuments.add(doc);
  new ContextRoot().attach(doc.documentElement);
}
