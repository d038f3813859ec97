/**
 * The elements' strings, the languages registered for them, and the number and money formats.
 *
 * English is built in. Any other language is a catalogue registered with `registerMessages`:
 * the kit ships French as `omneo-pos-kit/locales/fr`, which registers itself on import, so a
 * till downloads only the languages it imports. A retailer can register its own wording too
 * (a whole catalogue; spread `messagesFor('en')` to change a few strings).
 *
 * The locale is the element's: its own `lang` or the nearest ancestor's (across shadow roots),
 * else the session's `locale`, else the document's `lang`, else English. Messages are looked up
 * by the whole tag, then by its primary subtag (`fr-CA` reads `fr-CA`, else `fr`), else English;
 * numbers and money use the full locale. Money is integer cents, shown with `Intl.NumberFormat`.
 */
import type { OmneoErrorCode } from '../client/index.js';
import { en } from './locales/en.js';

/** The catalogue's shape: one entry per string, functions where a value is interpolated. */
export interface Messages {
  lookupLabel: string;
  lookupPlaceholder: string;
  lookupHint: string;
  searching: string;
  resultsLabel: string;
  resultsCount: (count: number) => string;
  noMatch: (query: string) => string;
  retry: string;
  reveal: string;
  hide: string;
  changeMember: string;
  /** Announced when a scan or a change of member is refused: a redemption is not settled yet. */
  memberLocked: string;
  /** Under "Change member" while it is unavailable: why. */
  memberLockedNote: string;
  chosen: (name: string) => string;
  unnamed: string;
  tier: string;
  email: string;
  phone: string;
  balancesLabel: string;
  rewards: string;
  points: string;
  pointsCount: (points: string) => string;
  pointsWorth: (value: string) => string;
  combined: string;
  /** The balance's headline: what this till can redeem (rewards only). */
  redeemable: string;
  /** The headline when the till redeems points too. */
  redeemableWithPoints: string;
  /** Beside a headline of zero: the balance really is below zero. */
  belowZero: (amount: string) => string;
  loadingBalances: string;
  noMember: string;
  stale: string;
  errors: Record<OmneoErrorCode, string>;
  /** `<omneo-benefit-picker>`. */
  benefits: BenefitPickerMessages;
  /** `<omneo-redemption-panel>`. */
  redemption: RedemptionPanelMessages;
}

/** The benefit picker's strings. */
export interface BenefitPickerMessages {
  label: string;
  loading: string;
  empty: string;
  count: (count: number) => string;
  selectedCount: (count: number) => string;
  value: (money: string) => string;
  /** `relative` is `Intl.RelativeTimeFormat`'s, e.g. "in 3 days", "tomorrow". */
  expiresIn: (relative: string) => string;
  expiresOn: (date: string) => string;
  posCode: string;
  expired: string;
  notRedeemable: string;
  hint: string;
  /** The badge on a benefit that is applied at the till by its code, not money off. */
  applyAtTill: string;
  /** The filter box's accessible name, above a long list. */
  filterLabel: string;
  filterPlaceholder: string;
  /** The status when the filter hides some: `shown` of `total`. */
  shownCount: (shown: number, total: number) => string;
  /** The status when the filter matches nothing; `query` is what the cashier typed. */
  noFilterMatch: (query: string) => string;
  /** Why the choice cannot change: a redemption is held. Shown above the list, and announced on a refused choice. */
  locked: string;
}

/** The redemption panel's strings. */
export interface RedemptionPanelMessages {
  label: string;
  noSale: string;
  amountLabel: string;
  amountHint: (max: string, balance: string) => string;
  max: string;
  maxLabel: (max: string) => string;
  tooMuch: (max: string) => string;
  nothing: string;
  notWholeCents: string;
  notAnAmount: string;
  overSale: string;
  chosenBenefits: string;
  previewCaption: string;
  item: string;
  original: string;
  share: string;
  net: string;
  total: string;
  balanceAfter: string;
  /** The allocation's column of rewards (a column per money-off benefit follows, headed by its name). */
  rewardsShare: string;
  /** The allocation's column when points may pay the rest of the rewards (one redemption, rewards first). */
  pointsShare: string;
  /** Whose redemption the panel shows: `member` is their name. */
  memberLine: (member: string) => string;
  /** The calm state: the member has nothing this sale can take (no rewards, no benefit chosen). */
  nothingToRedeem: string;
  /** Heading of the benefits with no money share, which the cashier applies at the till. */
  applyAtTill: string;
  /** A benefit to apply at the till: its POS code. */
  posCode: (code: string) => string;
  /** A benefit to apply at the till that has no POS code. */
  noPosCode: string;
  /** The redeem request's answer was lost and could not be looked up: whether it was made is unknown. */
  outcomeUnknown: string;
  /** A call that does not fit what the redemption is doing now (complete after a reversal, say). */
  notNow: string;
  /** A return the sale cannot take (more units than are left, an unknown item). */
  returnRefused: string;
  /** A return that gave nothing back: nothing of the redemption was on those items. */
  nothingReturned: string;
  /** Added when the kit found and gave back another redemption of the same sale. */
  strayGivenBack: string;
  /** `amount` is null when only benefits are redeemed. */
  confirm: (amount: string | null, benefits: number) => string;
  redeeming: string;
  held: string;
  /** `time` is what is left of the reversal window, `m:ss`. */
  countdown: (time: string) => string;
  windowPassed: string;
  recording: string;
  recorded: string;
  reversing: string;
  reversed: string;
  refunding: string;
  refunded: string;
  returned: (amount: string) => string;
  cancel: string;
  vetoed: string;
  inProgress: string;
  failed: string;
  recovering: string;
  recoveredHeading: string;
  /** What recovery did with a member's redemption after a restart. */
  recoveredItem: (member: string, amount: string, outcome: 'recorded' | 'reversed' | 'refunded') => string;
  /** A member's redemption recovery could not settle yet. */
  recoveryFailed: (member: string, amount: string) => string;
  /** A journal record that could not be read back: set aside for a supervisor. */
  recoveryQuarantined: (member: string) => string;
  /** Closes the restart notice. */
  dismissRecovery: string;
}

// One registry per copy of the kit (a module-level map, as the tags are one definition each):
// the drop-in bundle carries its own, with every shipped language already in it.
const catalogue = new Map<string, Messages>([['en', en]]);
const registrations = new EventTarget();

/** The keys of the English catalogue, nested groups as `group.key`. */
function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/**
 * Registers `messages` for `language` (a BCP 47 tag: `fr`, or `fr-CA` for a regional wording),
 * replacing any catalogue it had (`en` too). Connected elements re-render in it at once.
 * @throws {RangeError} when `language` is not a language tag.
 * @throws {TypeError} when `messages` lacks one of the English catalogue's entries.
 */
export function registerMessages(language: string, messages: Messages): void {
  const [tag] = Intl.getCanonicalLocales(language);
  const given = new Set(typeof messages === 'object' && messages !== null ? keysOf(messages) : []);
  // Listed here, not at load: a till that never registers a language does not pay for it.
  const missing = keysOf(en).filter((key) => !given.has(key));
  if (!tag || missing.length > 0) {
    throw new TypeError(`The ${language} messages lack ${missing.join(', ') || 'a language tag'}.`);
  }
  catalogue.set(tag.toLowerCase(), messages);
  registrations.dispatchEvent(new Event('change'));
}

/** The languages registered, English first: `['en', 'fr']` once French is imported. */
export function registeredLanguages(): string[] {
  return [...catalogue.keys()];
}

/** Calls `listener` after each `registerMessages`; returns the unsubscribe. */
export function onMessagesRegistered(listener: () => void): () => void {
  registrations.addEventListener('change', listener);
  return () => registrations.removeEventListener('change', listener);
}

/** The messages for `locale`: its whole tag's, else its primary subtag's, else English. */
export function messagesFor(locale: string): Messages {
  const tag = locale.toLowerCase();
  return catalogue.get(tag) ?? catalogue.get(tag.split('-')[0]!) ?? catalogue.get('en')!;
}

/** `locale` when `Intl` accepts it, else `'en'`. */
export function safeLocale(locale: string | undefined | null): string {
  if (!locale) return 'en';
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * The `lang` nearest to `element`: its own, an ancestor's, or a shadow host's, stopping before
 * the document's root element (the caller decides where the document's `lang` ranks).
 */
export function nearestLang(element: Element): string | undefined {
  const root = element.ownerDocument.documentElement;
  let node: Node | null = element;
  while (node && node !== root) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? undefined;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return undefined;
}

/** `cents` as money in `currency`, e.g. 4000 -> "$40.00" (en-AU, AUD). */
export function formatMoney(cents: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
  } catch {
    // An unknown currency code: still show the amount, with the code.
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} ${currency}`;
  }
}

/** A plain number (points) in `locale`, e.g. 1500 -> "1,500". */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}
