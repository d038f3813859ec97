/**
 * The `OmneoSession`: what the elements under one ancestor share, so that the member chosen in
 * the lookup flows to the balance, the benefits and the redemption panel, the benefits chosen
 * in the picker flow to the panel, and balances refresh after a redemption, with no wiring by
 * the host.
 *
 * It is a plain `EventTarget`-based store handed down through `@lit/context`. It holds no token:
 * the client's transport does.
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

/** What changed in a session. */
export type OmneoSessionChange =
  | { kind: 'profile'; profile: Profile | null }
  | { kind: 'benefits'; benefits: readonly Benefit[] }
  | { kind: 'balances-stale'; profileId: string };

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
    this.#benefits = benefits;
    this.dispatchEvent(new OmneoSessionChangeEvent({ kind: 'benefits', benefits }));
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
