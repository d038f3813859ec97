/**
 * Every event the kit's elements fire, in one place.
 *
 * Shape: each event is a `CustomEvent` subclass, so the detail is on `event.detail` (what Vue,
 * Angular and most listeners read) and, for TypeScript hosts, the same values are readonly
 * getters on the event itself (`event.profile` is `event.detail.profile`). Every event bubbles
 * and is composed, so it crosses shadow roots and reaches a listener on any ancestor. Names are
 * `omneo-` plus lowercase kebab case, so they bind as-is in React 19, Vue, Angular and Lit.
 *
 * Events fire only on user intent (a choice, a scan) or when an operation finishes (a load,
 * a failure), never because a property was set.
 *
 * Adding an event: add its detail interface, its class (pass `{ cancelable: true }` for a
 * request the host may veto), and a line in `OmneoEventMap` at the bottom (which types it on elements, `document`,
 * `window` and shadow roots).
 */
import type { Balances, OmneoError, Profile } from '../client/index.js';
import type { AnyOmneoError } from '../client/errors.js';
import type { Benefit, Redemption, Transaction, TransactionInput } from '../client/index.js';
import type { AllocatedLine, JournalEntry, Sale, SettleOutcomeKind, StrayOutcome } from '../rules/index.js';

/** The base of every kit event: a bubbling, composed `CustomEvent` with a typed detail. */
export abstract class OmneoEvent<D> extends CustomEvent<D> {
  constructor(type: string, detail: D, init: Omit<EventInit, 'bubbles' | 'composed'> = {}) {
    super(type, { ...init, detail, bubbles: true, composed: true });
  }
}

export interface OmneoMemberSelectDetail {
  /** The member chosen: a fresh profile, with `balances` embedded when Omneo sent them. */
  profile: Profile;
}

/** A member was chosen (from the results, or by a card that matched one member). */
export class OmneoMemberSelectEvent extends OmneoEvent<OmneoMemberSelectDetail> {
  static get eventName(): 'omneo-member-select' {
    return 'omneo-member-select';
  }
  constructor(profile: Profile) {
    super(OmneoMemberSelectEvent.eventName, { profile });
  }
  get profile(): Profile {
    return this.detail.profile;
  }
}

/** The cashier cleared the chosen member ("change member"). No detail. */
export class OmneoMemberClearEvent extends OmneoEvent<Record<string, never>> {
  static get eventName(): 'omneo-member-clear' {
    return 'omneo-member-clear';
  }
  constructor() {
    super(OmneoMemberClearEvent.eventName, {});
  }
}

export interface OmneoScanDetail {
  /** What the scanner (or the host, through `scan()`) read. */
  code: string;
}

/** A card was scanned; the lookup starts at the same moment. */
export class OmneoScanEvent extends OmneoEvent<OmneoScanDetail> {
  static get eventName(): 'omneo-scan' {
    return 'omneo-scan';
  }
  constructor(code: string) {
    super(OmneoScanEvent.eventName, { code });
  }
  get code(): string {
    return this.detail.code;
  }
}

/**
 * What failed, in the element's words: `identity-lookup`, `profile-search`, `profile-load`,
 * `balances-load` (later elements add their own).
 */
export type OmneoOperation = 'identity-lookup' | 'profile-search' | 'profile-load' | 'balances-load' | (string & {});

export interface OmneoErrorDetail {
  /**
   * The failure, with its stable `code`: `switch (error.code)` narrows it to its class
   * (`'validation'` has `fieldErrors`). Never carries the token.
   */
  error: AnyOmneoError;
  /** Which operation failed. */
  operation: OmneoOperation;
}

/** An operation failed. The element also shows it, with a way to retry. */
export class OmneoErrorEvent extends OmneoEvent<OmneoErrorDetail> {
  static get eventName(): 'omneo-error' {
    return 'omneo-error';
  }
  constructor(error: OmneoError, operation: OmneoOperation) {
    // Every OmneoError the kit makes is one of AnyOmneoError's members: a subclass, or a plain
    // one for a failure that did not come from the client (`unexpected_response`).
    super(OmneoErrorEvent.eventName, { error: error as AnyOmneoError, operation });
  }
  get error(): AnyOmneoError {
    return this.detail.error;
  }
  get operation(): OmneoOperation {
    return this.detail.operation;
  }
}

export interface OmneoBalanceLoadDetail {
  /** The balances now shown, money in integer cents. */
  balances: Balances;
  /** Whose balances they are. */
  profileId: string;
}

/** Balances were loaded and are on screen (from Omneo, or embedded in a fresh profile). */
export class OmneoBalanceLoadEvent extends OmneoEvent<OmneoBalanceLoadDetail> {
  static get eventName(): 'omneo-balance-load' {
    return 'omneo-balance-load';
  }
  constructor(balances: Balances, profileId: string) {
    super(OmneoBalanceLoadEvent.eventName, { balances, profileId });
  }
  get balances(): Balances {
    return this.detail.balances;
  }
  get profileId(): string {
    return this.detail.profileId;
  }
}

export interface OmneoBenefitSelectDetail {
  /** Every benefit now chosen, in the order listed (empty when the last one was unchosen). */
  benefits: Benefit[];
}

/** The cashier chose or unchose a benefit in the picker. */
export class OmneoBenefitSelectEvent extends OmneoEvent<OmneoBenefitSelectDetail> {
  static get eventName(): 'omneo-benefit-select' {
    return 'omneo-benefit-select';
  }
  constructor(benefits: Benefit[]) {
    super(OmneoBenefitSelectEvent.eventName, { benefits });
  }
  get benefits(): Benefit[] {
    return this.detail.benefits;
  }
}

export interface OmneoRedeemRequestDetail {
  /** Rewards to redeem, in integer cents (0 when only benefits are redeemed). */
  amountCents: number;
  /** The benefits to redeem with it. */
  benefits: Benefit[];
  sale: Sale;
  /** Every line of the sale with its share of the whole redemption (rewards and benefits), as previewed. */
  allocation: AllocatedLine[];
}

/** The cashier confirmed a redemption. Cancelable: `preventDefault()` vetoes it and nothing is written. */
export class OmneoRedeemRequestEvent extends OmneoEvent<OmneoRedeemRequestDetail> {
  static get eventName(): 'omneo-redeem-request' {
    return 'omneo-redeem-request';
  }
  constructor(detail: OmneoRedeemRequestDetail) {
    super(OmneoRedeemRequestEvent.eventName, detail, { cancelable: true });
  }
  get amountCents(): number {
    return this.detail.amountCents;
  }
  get benefits(): Benefit[] {
    return this.detail.benefits;
  }
  get sale(): Sale {
    return this.detail.sale;
  }
  get allocation(): AllocatedLine[] {
    return this.detail.allocation;
  }
}

export interface OmneoRedemptionCreatedDetail {
  /** The rewards redemption, or the first benefit's when no rewards were redeemed. */
  redemption: Redemption;
  /** Every redemption made for the sale: rewards first, then one per benefit. */
  redemptions: Redemption[];
  /** Every line of the sale with its share of all of them. */
  allocation: AllocatedLine[];
  /** The transaction that will be recorded once paid (payments still empty). */
  transaction: TransactionInput;
  /**
   * The benefits redeemed with no money share (a percentage discount, a gift, an event…): the
   * host applies each at the till by its POS code, following the store instructions.
   */
  applyAtTill: AppliedBenefit[];
}

/** A benefit redeemed with no money share, for the host to apply at the till. */
export interface AppliedBenefit {
  benefit: Benefit;
  /** Its redemption in Omneo. */
  redemption: Redemption;
  /** The code the till applies it by, when Omneo has one. */
  posCode: string | null;
  /** What the store does to apply it (Omneo's text: show it as text, never as HTML). */
  storeInstructions: string | null;
}

/** The redemption is held in Omneo: the host takes payment, then calls `complete()` or `paymentFailed()`. */
export class OmneoRedemptionCreatedEvent extends OmneoEvent<OmneoRedemptionCreatedDetail> {
  static get eventName(): 'omneo-redemption-created' {
    return 'omneo-redemption-created';
  }
  constructor(detail: OmneoRedemptionCreatedDetail) {
    super(OmneoRedemptionCreatedEvent.eventName, detail);
  }
  get redemption(): Redemption {
    return this.detail.redemption;
  }
  get redemptions(): Redemption[] {
    return this.detail.redemptions;
  }
  get allocation(): AllocatedLine[] {
    return this.detail.allocation;
  }
  get transaction(): TransactionInput {
    return this.detail.transaction;
  }
}

/** How one redemption of the sale ended. */
export interface SettledRedemption {
  redemption: Redemption;
  outcome: SettleOutcomeKind;
  /** Why, in words a supervisor can read (English, from the rules). */
  reason: string;
  /** Cents given back: 0 when recorded. */
  returnedCents: number;
  /** Other live redemptions of the same sale the kit found and undid while settling this one. */
  strays?: StrayOutcome[];
}

export interface OmneoRedemptionSettledDetail {
  /** `recorded`, `reversed`, or `refunded` (also when part of the sale was refunded for a return). */
  outcome: SettleOutcomeKind;
  /** The rewards redemption, or the first benefit's. */
  redemption: Redemption;
  /** The recorded sale, when `outcome` is `recorded`. */
  transaction?: Transaction;
  /** Why, in words a supervisor can read (English, from the rules): for logs, not the cashier. */
  reason: string;
  /** What happened, in the cashier's words and the panel's language (from the message catalogue). */
  message: string;
  /** Cents given back across every redemption of the sale. */
  returnedCents: number;
  /** Each redemption of the sale and how it ended. */
  redemptions: SettledRedemption[];
}

/** A redemption was settled: the sale recorded, the redemption reversed or refunded, or a return refunded. */
export class OmneoRedemptionSettledEvent extends OmneoEvent<OmneoRedemptionSettledDetail> {
  static get eventName(): 'omneo-redemption-settled' {
    return 'omneo-redemption-settled';
  }
  constructor(detail: OmneoRedemptionSettledDetail) {
    super(OmneoRedemptionSettledEvent.eventName, detail);
  }
  get outcome(): SettleOutcomeKind {
    return this.detail.outcome;
  }
  get redemption(): Redemption {
    return this.detail.redemption;
  }
  get transaction(): Transaction | undefined {
    return this.detail.transaction;
  }
  get reason(): string {
    return this.detail.reason;
  }
  get returnedCents(): number {
    return this.detail.returnedCents;
  }
  get redemptions(): SettledRedemption[] {
    return this.detail.redemptions;
  }
}

/** What the host knows of a sale that went through. The panel adds its staff, location and zone. */
export interface OmneoPaymentDetails {
  /** Payment method names, e.g. `['card']`. */
  payments?: string[];
  receiptRef?: string;
  /** When it was paid: epoch ms, or local `YYYY-MM-DD HH:mm:ss`. Default now. */
  transactedAt?: number | string;
}

export interface OmneoRedemptionRecoverDetail {
  /** The journal entry of a redemption left held by a reload or a crash. */
  entry: JournalEntry;
  /**
   * Claims the sale as paid, so its redemption is recorded instead of reversed or refunded.
   * Call it while the event is being dispatched; it calls `preventDefault()` itself.
   */
  claim: (payment?: OmneoPaymentDetails) => void;
}

/**
 * Recovery found a held redemption. Unless the host claims it (`event.detail.claim(...)`, or
 * just `preventDefault()` for a paid sale with no payment details), it is reversed or refunded.
 */
export class OmneoRedemptionRecoverEvent extends OmneoEvent<OmneoRedemptionRecoverDetail> {
  static get eventName(): 'omneo-redemption-recover' {
    return 'omneo-redemption-recover';
  }
  constructor(detail: OmneoRedemptionRecoverDetail) {
    super(OmneoRedemptionRecoverEvent.eventName, detail, { cancelable: true });
  }
  get entry(): JournalEntry {
    return this.detail.entry;
  }
  /** `event.detail.claim`: claims the sale as paid (see {@link OmneoRedemptionRecoverDetail.claim}). */
  get claim(): (payment?: OmneoPaymentDetails) => void {
    return this.detail.claim;
  }
}

/**
 * Every kit event by name, for typed listeners: `HTMLElementEventMap`, `DocumentEventMap`,
 * `WindowEventMap` and `ShadowRootEventMap` extend it below, so
 * `document.addEventListener('omneo-member-select', (e) => e.detail.profile)` is typed too
 * (the events bubble and are composed, so they reach all four).
 */
export interface OmneoEventMap {
  'omneo-member-select': OmneoMemberSelectEvent;
  'omneo-member-clear': OmneoMemberClearEvent;
  'omneo-scan': OmneoScanEvent;
  'omneo-error': OmneoErrorEvent;
  'omneo-balance-load': OmneoBalanceLoadEvent;
  'omneo-benefit-select': OmneoBenefitSelectEvent;
  'omneo-redeem-request': OmneoRedeemRequestEvent;
  'omneo-redemption-created': OmneoRedemptionCreatedEvent;
  'omneo-redemption-settled': OmneoRedemptionSettledEvent;
  'omneo-redemption-recover': OmneoRedemptionRecoverEvent;
}

declare global {
  interface HTMLElementEventMap extends OmneoEventMap {}
  interface DocumentEventMap extends OmneoEventMap {}
  interface WindowEventMap extends OmneoEventMap {}
  interface ShadowRootEventMap extends OmneoEventMap {}
}
