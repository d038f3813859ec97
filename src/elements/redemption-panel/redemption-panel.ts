import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { OmneoError, type Benefit, type Profile, type RedemptionStrategy, type Transaction } from '../../client/index.js';
import { RedemptionJournal, type ReturnedLine, type Sale } from '../../rules/index.js';
import {
  OmneoErrorEvent,
  OmneoRedeemRequestEvent,
  OmneoRedemptionCreatedEvent,
  OmneoRedemptionSettledEvent,
  type OmneoOperation,
  type OmneoPaymentDetails,
  type OmneoRedemptionSettledDetail,
} from '../events.js';
import { OmneoSessionLockedError, type OmneoSession, type OmneoSessionChange } from '../session.js';
import { isAbort, OmneoElement } from '../shared/omneo-element.js';
import { OUTSIDE_TEXT, sentenceWith } from '../shared/outside-text.js';
import { baseStyles } from '../styles/base.js';
import { renderAllocationPreview, type ShareColumn } from './allocation-preview.js';
import { allocationPreviewStyles } from './allocation-preview.styles.js';
import { formatAmountInput } from './amount.js';
import { checkAmount, maxRedeemableCents, renderChosenBenefits, renderRedeemForm, statusView } from './panel-views.js';
import { PanelRecovery, renderRecovery } from './recovery.js';
import { RedemptionController, UNSETTLED, type SettleResult } from './redemption-controller.js';
import { redemptionPanelStyles } from './redemption-panel.styles.js';
import { RewardBalance } from './reward-balance.js';
import { createdDetail, recordedResult, settledDetail } from './settlement.js';

/**
 * Redeems a member's rewards (and the benefits chosen) against the POS sale, and settles them
 * with it: recorded when paid, reversed or refunded when not, refunded in part for a return.
 * Every write goes through the kit's `RedemptionFlow`: one redemption per sale whatever is
 * clicked, journaled before it is reported, settled after a reload.
 *
 * - What can be redeemed comes from `strategies`: the rewards balance by default (as Omneo's POS
 *   guide has it), or rewards then points (`strategies="rewards points"`, capped at the rewards
 *   plus the points' value), at most the eligible total less the money-off benefits.
 * - The amount starts at `default-amount`: `max` (default: the most that can be redeemed) or
 *   `empty` (the cashier types it, or presses Max). A problem with the amount is said only once
 *   the cashier has typed. A member with nothing this sale can take sees a calm "nothing to
 *   redeem", with nothing to press.
 * - The preview spreads the rewards and each money-off benefit over the sale's lines in columns
 *   of their own, so every later refund matches a figure the cashier saw. Benefits with no money
 *   share (a percentage discount, a gift, an event…) are listed as "apply at the till" with their
 *   POS code and store instructions, and in `omneo-redemption-created`'s `applyAtTill`.
 * - Confirming fires the cancelable `omneo-redeem-request`, redeems, fires
 *   `omneo-redemption-created` and moves focus to the status; the host takes payment and calls
 *   `complete()` or `paymentFailed()`. Whatever the host does meanwhile, each redemption that
 *   settles fires `omneo-redemption-settled` once.
 * - From Redeem until it settles, the redemption owns its member, benefits and sale: the session
 *   is held (`OmneoSession.held`: the lookup and picker are locked), the panel names the member
 *   (from `.profile` or the session's profile; given only `profile-id`, it has no name to show),
 *   and setting another `sale` throws an `OmneoSessionLockedError` (`code: 'redemption_unsettled'`).
 * - A new sale is a clean slate: setting a different `sale` (or `session.newSale()`) clears the
 *   member (the session's, or `.profile`/`profile-id` unless set in the same update), the benefits,
 *   the amount and any notice.
 * - Benefits come from `.benefits`, else from an `<omneo-benefit-picker>` in the same session.
 * - On its first connection with a client, it settles what a reload left in its journal, firing a
 *   cancelable `omneo-redemption-recover` first: `event.detail.claim({ payments })` records a paid sale.
 * - Removed while held, it lets go of the sale: the journal keeps it, for recovery.
 *
 * @summary Redeems rewards and benefits against a sale, and settles them with it.
 * @tagname omneo-redemption-panel
 *
 * @slot - Shown under the panel's status: the till's own buttons (payment taken, payment failed), say.
 *
 * @csspart panel - The whole panel (`aria-busy` while a write is under way).
 * @csspart heading - The panel's title.
 * @csspart form - The amount, benefits, preview and confirm button, before redeeming.
 * @csspart member - Whose redemption this is (the member's name), when the panel knows it.
 * @csspart nothing - The calm state: nothing to redeem for this member on this sale.
 * @csspart apply-label - "Apply at the till" on a chosen benefit with no money share (that `benefit` is also `apply`), beside its `pos-code` and `store-instructions`.
 * @csspart preview-column - A share column's heading: the rewards, or a money-off benefit's name.
 * @csspart field - The amount's label, input, hint and message.
 * @csspart label - The amount's label.
 * @csspart amount-row - The amount input and the Max button, side by side.
 * @csspart input - The amount (a text field with a decimal keypad).
 * @csspart max-button - Sets the amount to the most that can be redeemed.
 * @csspart hint - The most that can be redeemed, and the balance.
 * @csspart amount-error - Why the amount cannot be redeemed.
 * @csspart benefits - The chosen benefits; each is a `benefit`.
 * @csspart preview - The allocation table: rows are `preview-row` (the item `preview-line`, its count `preview-quantity`), totals `preview-total`, shares `preview-share`.
 * @csspart balance-after - The rewards balance left after the redemption.
 * @csspart confirm-button - Redeems.
 * @csspart held - The redemption once made: its allocation over the sale.
 * @csspart countdown - What is left of the reversal window (a timer).
 * @csspart cancel-button - Abandons a held redemption (reversed, or refunded after the window).
 * @csspart status - The live region; also `error` or `warning`.
 * @csspart retry-button - Loads the balance again after a failure.
 * @csspart skeleton - Shown while the balance loads.
 * @csspart empty - Shown when there is no member or no sale.
 * @csspart recovery - What recovery settled after a restart, named by member and amount: `recovery-heading`, `recovery-list`, each `recovery-item` (also `recorded`, `reversed`, `refunded`, `failed` or `quarantined`), and `dismiss-button`. It goes when the cashier moves on.
 *
 * @cssprop [--omneo-panel-background=var(--omneo-color-surface)] - The panel's background.
 * @cssprop [--omneo-panel-border-color=var(--omneo-color-border)] - Field and table borders.
 * @cssprop [--omneo-panel-accent-color=var(--omneo-color-accent)] - The confirm button.
 * @cssprop [--omneo-panel-on-accent-color=var(--omneo-color-on-accent)] - Text on the confirm button.
 * @cssprop [--omneo-panel-share-color=var(--omneo-color-accent)] - The reward shares in the table.
 *
 * @fires {OmneoRedeemRequestEvent} omneo-redeem-request - Cancelable; before anything is written. Detail: `{ amountCents: number, benefits: Benefit[], sale: Sale, allocation: AllocatedLine[] }`.
 * @fires {OmneoRedemptionCreatedEvent} omneo-redemption-created - Held in Omneo; take payment. Detail: `{ redemption: Redemption, redemptions: Redemption[], allocation: AllocatedLine[], transaction: TransactionInput, applyAtTill: AppliedBenefit[] }`.
 * @fires {OmneoRedemptionSettledEvent} omneo-redemption-settled - Recorded, reversed or refunded; once per settlement. Detail: `{ outcome: 'recorded' | 'reversed' | 'refunded', redemption: Redemption, transaction?: Transaction, reason: string, message: string, returnedCents: number, redemptions: SettledRedemption[] }`.
 * @fires {OmneoRedemptionRecoverEvent} omneo-redemption-recover - Cancelable; a held redemption found after a reload. Detail: `{ entry: JournalEntry, claim(payment?: OmneoPaymentDetails): void }`.
 * @fires {OmneoErrorEvent} omneo-error - A request failed. Detail: `{ error: OmneoError, operation: 'balances-load' | 'redeem' | 'transaction-record' | 'redemption-settle' | 'redemption-refund' | 'redemption-recover' }`.
 */
export class OmneoRedemptionPanel extends OmneoElement {
  static override styles = [baseStyles, redemptionPanelStyles, allocationPreviewStyles];

  private readonly redemption = new RedemptionController(this, {
    client: () => this.activeClient,
    journal: () => this.journal,
    now: () => this.now(),
  });
  private readonly recovery = new PanelRecovery(this, () => this.recoveryOptions, {
    failed: (error) => void this.report(error, 'redemption-recover'),
    settled: (profileId) => this.balancesChanged(profileId),
  });
  private readonly balance = new RewardBalance(
    this,
    () => ({ client: this.activeClient, member: this.member }),
    (error) => void this.report(error, 'balances-load'),
  );
  /** The public method calls under way, by name: a second call of one gets the first's promise. */
  private readonly pending = new Map<string, Promise<unknown>>();
  /** The sale and member of the flows on screen (their name, when known). */
  private redeemed: { sale: Sale; profileId: string; name: string | null; benefits: readonly Benefit[] } | null = null;
  /** The session this panel holds while a redemption is unsettled. */
  private holding: OmneoSession | undefined;
  private currentSale: Sale | null = null;
  private givenProfile: Profile | null = null;
  private givenProfileId: string | undefined;
  /** The host set `profile` or `profile-id` since the last update (so a new sale keeps it). */
  private memberGiven = false;

  @query('#amount') private input!: HTMLInputElement | null;
  @query('[part~="status"]') private statusLine!: HTMLElement | null;
  /** What the cashier typed; `null` follows the most that can be redeemed. */
  @state() private amountText: string | null = null;
  @state() private requesting = false;
  @state() private failure: unknown = null;
  @state() private vetoed = false;
  @state() private returnedCents = 0;
  /** A return gave nothing back (nothing of the redemption was on those items). */
  @state() private nothingReturned = false;

  /** The member redeeming. Takes precedence over `profile-id` and the session. */
  @property({ attribute: false })
  get profile(): Profile | null {
    return this.givenProfile;
  }
  set profile(profile: Profile | null) {
    this.givenProfile = profile;
    this.memberGiven = true;
  }
  /** The Omneo profile id of the member redeeming. */
  @property({ attribute: 'profile-id' })
  get profileId(): string | undefined {
    return this.givenProfileId;
  }
  set profileId(id: string | undefined) {
    this.givenProfileId = id;
    this.memberGiven = true;
  }
  /**
   * The POS sale: `{ id, currency, lines: [{ id, name, quantity, amountCents, eligible? }] }`.
   * Another sale while a redemption is unsettled throws `OmneoSessionLockedError`.
   */
  @property({ attribute: false })
  get sale(): Sale | null {
    return this.currentSale;
  }
  set sale(sale: Sale | null) {
    if (sale?.id !== this.currentSale?.id && this.unsettled) throw new OmneoSessionLockedError('new-sale');
    this.currentSale = sale;
  }
  /** Where the amount comes from, in order: `['rewards']` (default), or `['rewards', 'points']`. Attribute: space-separated. */
  @property({ attribute: 'strategies', converter: (value) => (value ?? 'rewards').split(/\s+/).filter(Boolean) as RedemptionStrategy[] })
  strategies: RedemptionStrategy[] = ['rewards'];
  /** The amount the field starts at: `max` (the most that can be redeemed) or `empty` (typed, or Max). */
  @property({ attribute: 'default-amount' }) defaultAmount: 'max' | 'empty' = 'max';
  /** The benefits to redeem with the rewards. Unset: the picker's choice in the same session. */
  @property({ attribute: false }) benefits?: Benefit[];
  /** The staff number recorded with the sale. */
  @property({ attribute: 'staff-id' }) staffId?: string;
  /** The Omneo location id of the store. */
  @property({ attribute: 'location-id', type: Number }) locationId?: number;
  /** The store's IANA time zone. Default: the browser's. */
  @property() timezone: string = Intl.DateTimeFormat().resolvedOptions().timeZone;
  /** Where held redemptions are journaled. Default: a journal over localStorage. */
  @property({ attribute: false }) journal: RedemptionJournal = new RedemptionJournal();
  /** The clock, epoch ms. Default `Date.now`; tests pass the mock tenant's. */
  @property({ attribute: false }) now: () => number = Date.now;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const old = changed.get('sale') as Sale | null | undefined;
    if (changed.has('sale') && old?.id !== this.sale?.id) {
      this.startOver();
      // Another sale after one (not the first): a clean slate, whatever the host set before.
      if (old) this.clearForNewSale(changed);
    }
    if (changed.has('profile') || changed.has('profileId')) this.amountText = null;
    // Another member (or none): a settled sale of the last one is not theirs to see.
    if (this.redeemed && this.redeemed.profileId !== this.member?.id) this.startOver();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.memberGiven = false;
    this.syncHold();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The journal keeps what is held, for recovery: the session is not locked by a panel gone.
    this.syncHold();
  }

  /** Whether a redemption of this panel is unsettled (being made, held, recorded, reversed or refunded). */
  private get unsettled(): boolean {
    return this.requesting || this.redemption.busy || UNSETTLED.includes(this.redemption.state);
  }

  /** Holds the session while a redemption is unsettled (and the panel connected); lets go after. */
  private syncHold(): void {
    const session = this.unsettled && this.isConnected ? this.session : undefined;
    if (this.holding && this.holding !== session) this.holding.release(this);
    if (session && this.holding !== session) session.hold(this);
    this.holding = session;
  }

  /** The member, the benefits, the amount and any notice go: the next sale starts clean. */
  private clearForNewSale(changed: PropertyValues): void {
    if (!this.memberGiven) {
      this.givenProfile = null;
      this.givenProfileId = undefined;
    }
    if (this.benefits && !changed.has('benefits')) this.benefits = [];
    if (this.session && !this.session.held && (this.session.profile || this.session.benefits.length > 0)) this.session.newSale();
    this.recovery.dismiss();
    this.nothingReturned = false;
  }

  protected override sessionChanged(change: OmneoSessionChange): void {
    if (change.kind === 'profile') {
      this.amountText = null;
      this.requestUpdate();
    } else if (change.kind === 'new-sale') {
      this.startOver();
      this.recovery.dismiss();
    } else if (change.kind === 'benefits' || change.kind === 'lock') this.requestUpdate();
    else if (change.kind === 'balances-stale' && change.profileId === this.member?.id) void this.balance.refresh();
  }

  /** Who redeems: `.profile`, else `profile-id`, else the session's member. */
  private get member(): { id: string; profile: Profile | null } | null {
    const profile = this.profile ?? (this.profileId ? null : (this.session?.profile ?? null));
    const id = profile?.id ?? this.profileId;
    return id ? { id, profile } : null;
  }

  private get chosenBenefits(): readonly Benefit[] {
    return this.benefits ?? this.session?.benefits ?? [];
  }

  /** What the panel records with every sale: its zone, staff and location. */
  private get paymentDefaults() {
    const { timezone, staffId, locationId } = this;
    return { timezone, ...(staffId !== undefined ? { staffId } : {}), ...(locationId !== undefined ? { locationId } : {}) };
  }

  private get recoveryOptions() {
    const client = this.activeClient;
    return client ? { host: this, client, journal: this.journal, now: () => this.now(), defaults: () => this.paymentDefaults } : null;
  }

  private startOver(): void {
    // While a host call runs, its flows are still to be reported: an update between the flows
    // settling and the settled event (another member on screen, say) must not forget them.
    if (this.unsettled || this.pending.size > 0) return;
    this.redemption.reset();
    this.redeemed = null;
    this.amountText = null;
    this.failure = null;
    this.vetoed = false;
    this.returnedCents = 0;
    this.nothingReturned = false;
  }

  /** The session's elements hear of it; without a session, the panel refreshes its own figure. */
  private balancesChanged(profileId: string): void {
    if (this.session) this.session.notifyRedemptionSettled(profileId);
    else if (profileId === this.member?.id) void this.balance.refresh();
  }

  private async report(error: unknown, operation: OmneoOperation): Promise<void> {
    if (!(error instanceof OmneoError) || isAbort(error)) return;
    await this.updateComplete;
    this.dispatchEvent(new OmneoErrorEvent(error, operation));
  }

  /** What the strategies may spend: the rewards, plus the points' value when points may pay. */
  private get spendableCents(): number {
    const points = this.strategies.includes('points') ? Math.max(0, this.balance.pointsValueCents ?? 0) : 0;
    const rewards = this.strategies.includes('rewards') ? Math.max(0, this.balance.rewardCents ?? 0) : 0;
    return rewards + points;
  }

  private get maxCents(): number {
    return this.sale ? maxRedeemableCents(this.spendableCents, this.sale, this.chosenBenefits) : 0;
  }

  /** The name of the member redeeming, when the panel (or the session) has their profile. */
  private get memberName(): string | null {
    const member = this.member;
    const profile = member?.profile ?? (member && this.session?.profile?.id === member.id ? this.session.profile : null);
    return profile ? (profile.fullName ?? this.messages.unnamed) : null;
  }

  private readonly onInput = (event: Event): void => {
    this.amountText = (event.target as HTMLInputElement).value;
    this.vetoed = false;
    this.failure = null;
  };

  private readonly onMax = (): void => {
    // `max` follows the most that can be redeemed; `empty` puts today's most in the field.
    this.amountText = this.defaultAmount === 'empty' ? formatAmountInput(this.maxCents, this.locale) : null;
    this.input?.focus();
  };

  private readonly onRetry = (): void => void this.balance.refresh();

  /** A card scanned while the amount had focus went to the lookup: the amount is as it was. */
  private readonly onScanThrough = (event: CustomEvent<string>): void => {
    const field = event.target as HTMLInputElement;
    const at = field.value.lastIndexOf(event.detail);
    if (at < 0) return;
    const rest = field.value.slice(0, at) + field.value.slice(at + event.detail.length);
    const untouched = this.defaultAmount === 'empty' ? '' : formatAmountInput(this.maxCents, this.locale);
    this.amountText = rest === untouched ? null : rest;
    field.value = rest;
  };

  private readonly onSubmit = async (event: Event): Promise<void> => {
    event.preventDefault();
    // A double click or a held Enter key: one request at most.
    if (this.requesting || this.redemption.busy || this.recovery.running) return;
    const { sale, member } = this;
    const check = checkAmount(this.amountFacts());
    if (!sale || !member || check.kind !== 'ok') return this.input?.focus();
    const hadFocus = this.matches(':focus-within');
    this.requesting = true;
    this.failure = null;
    this.recovery.dismiss();
    // From now until it settles, the member and benefits are this redemption's.
    this.syncHold();
    try {
      await this.updateComplete;
      const benefits = [...this.chosenBenefits];
      const amountCents = check.cents;
      this.vetoed = !this.dispatchEvent(new OmneoRedeemRequestEvent({ amountCents, benefits, sale, allocation: check.allocation }));
      if (this.vetoed) return;
      this.redeemed = { sale, profileId: member.id, name: this.memberName, benefits };
      const strategies = this.strategies;
      await this.redemption.redeem({ ...this.paymentDefaults, profileId: member.id, sale, amountCents, benefits, strategies });
      this.dispatchEvent(new OmneoRedemptionCreatedEvent(createdDetail(this.redemption, sale, member.id, this.paymentDefaults, this.now())));
      await this.updateComplete;
      // The form is gone: the cashier's focus goes to what happened, not to the page.
      if (hadFocus) this.statusLine?.focus();
    } catch (error) {
      this.failure = error;
      // What could not be given back stays held and on screen, with its cancel button.
      if (this.redemption.state !== 'held') this.redeemed = null;
      this.balancesChanged(member.id);
      void this.report(error, 'redeem');
    } finally {
      this.requesting = false;
      this.syncHold();
    }
  };

  /** Fires the settled event for what settled, refreshes balances, then throws the failure if any. */
  private finish(result: SettleResult, operation: OmneoOperation, transaction?: Transaction): OmneoRedemptionSettledDetail | null {
    const detail = settledDetail(result, this.messages.redemption, (c) => this.money(c), operation === 'redemption-refund', transaction);
    // Let go of the session first: a host that starts the next sale on this event may.
    this.syncHold();
    if (detail) {
      this.dispatchEvent(new OmneoRedemptionSettledEvent(detail));
      if (detail.redemption.profileId) this.balancesChanged(detail.redemption.profileId);
    }
    this.failure = null;
    if (result.error) this.fail(result.error, operation);
    return detail;
  }

  /** Shows and reports a failure, then throws it to the host. */
  private fail(error: unknown, operation: OmneoOperation): never {
    this.failure = error;
    void this.report(error, operation);
    throw error;
  }

  /** One call of `name` at a time: a second while one runs gets the same promise. */
  private once<T>(name: string, run: () => Promise<T>): Promise<T> {
    if (!this.pending.has(name)) {
      this.failure = null;
      this.pending.set(name, run().finally(() => this.pending.delete(name) && this.requestUpdate()));
      this.requestUpdate();
    }
    return this.pending.get(name) as Promise<T>;
  }

  /** The host took payment: records the sale once, with every redemption. */
  complete(payment: OmneoPaymentDetails = {}): Promise<Transaction> {
    return this.once('complete', async () => {
      const input = { ...this.paymentDefaults, ...payment };
      const transaction = await this.redemption.complete(input).catch((error: unknown) => this.fail(error, 'transaction-record'));
      this.finish(recordedResult(this.redemption), 'transaction-record', transaction);
      return transaction;
    });
  }

  /** Payment failed: reverses the redemption within the window, refunds it after. */
  paymentFailed(): Promise<OmneoRedemptionSettledDetail | null> {
    return this.once('paymentFailed', async () => this.finish(await this.redemption.settle('paymentFailed'), 'redemption-settle'));
  }

  /** The sale was dropped: reverses the redemption within the window, refunds it after. */
  abandon(): Promise<OmneoRedemptionSettledDetail | null> {
    return this.once('abandon', async () => this.finish(await this.redemption.settle('abandon'), 'redemption-settle'));
  }

  /** Items of the completed sale came back: refunds exactly their share of the redemption. */
  refundReturn({ returned }: { returned: ReturnedLine[] }): Promise<{ refundCents: number }> {
    return this.once('refundReturn', async () => {
      const result = await this.redemption.refund(returned);
      this.nothingReturned = !result.error && result.settled.length === 0;
      const detail = this.finish(result, 'redemption-refund');
      this.returnedCents = detail?.returnedCents ?? 0;
      return { refundCents: this.returnedCents };
    });
  }

  private readonly onDismissRecovery = (): void => this.recovery.dismiss();

  private readonly onCancel = (): void => void this.abandon().catch(() => undefined);

  private amountFacts() {
    const maxCents = this.maxCents;
    const text = this.amountText ?? (this.defaultAmount === 'empty' ? '' : formatAmountInput(maxCents, this.locale));
    // Rewards are spent first: what is left of them after this amount.
    const balanceCents = Math.max(0, this.balance.rewardCents ?? 0);
    const m = this.messages.redemption;
    const rewardsLabel = this.strategies.includes('points') ? m.pointsShare : m.rewardsShare;
    const touched = this.amountText !== null;
    return { text, touched, rewardsLabel, locale: this.locale, maxCents, balanceCents, sale: this.sale!, benefits: this.chosenBenefits };
  }

  protected override render() {
    const m = this.messages.redemption;
    const view = statusView(this.redemption, {
      messages: this.messages,
      recovering: this.recovery.running,
      requesting: this.requesting,
      vetoed: this.vetoed,
      failure: this.failure ?? (this.balance.failed ? this.balance.error : null),
      maxText: this.money(this.maxCents),
      returned: this.returnedCents > 0 ? this.money(this.returnedCents) : null,
      nothingReturned: this.nothingReturned,
      now: this.now(),
    });
    return html`<section part="panel" aria-labelledby="heading" aria-busy=${String(this.requesting || this.redemption.busy)}>
      <h2 id="heading" part="heading">${m.label}</h2>
      ${renderRecovery(this.recovery, m, this.messages.unnamed, (c) => this.money(c), this.onDismissRecovery)}
      ${this.renderBody(view.showForm)}
      <p part=${view.part} role="status" tabindex="-1">${view.text}</p>
      ${view.countdown !== null ? html`<p part="countdown" role="timer">${m.countdown(view.countdown)}</p>` : nothing}
      ${this.redemption.state === 'held'
        ? html`<button part="cancel-button" ?disabled=${this.pending.size > 0} @click=${this.onCancel}>${m.cancel}</button>`
        : nothing}
      <slot></slot>
    </section>`;
  }

  /** Whose redemption is on screen, in the catalogue's words, the name isolated. */
  private renderMember(name: string | null) {
    if (name === null) return nothing;
    return html`<p part="member" class="holds-outside">${sentenceWith(this.messages.redemption.memberLine(OUTSIDE_TEXT), name)}</p>`;
  }

  private renderBody(showForm: boolean) {
    const m = this.messages;
    const money = (c: number) => this.money(c);
    if (this.redeemed && !showForm) {
      const { sale, name } = this.redeemed;
      const rewardsLabel = this.strategies.includes('points') ? m.redemption.pointsShare : m.redemption.rewardsShare;
      // A column per redemption that took money off; the others are applied at the till.
      const columns: ShareColumn[] = this.redemption.parts.flatMap((p, i) =>
        p.benefit?.kind === 'apply' ? [] : [{ label: p.benefit?.name ?? rewardsLabel, outside: p.benefit !== null, allocation: this.redemption.allocations[i] ?? [] }],
      );
      const applied = this.redemption.parts.flatMap((p) => (p.benefit?.kind === 'apply' ? [p.benefit] : []));
      return html`<div part="held">${this.renderMember(name)}${renderChosenBenefits(applied, m, money)}
        ${columns.length > 0 ? renderAllocationPreview({ sale, columns, balanceAfterCents: null, messages: m.redemption, money }) : nothing}</div>`;
    }
    if (!this.member) return html`<p part="empty">${m.noMember}</p>`;
    if (!this.sale) return html`<p part="empty">${m.redemption.noSale}</p>`;
    if (this.balance.rewardCents === null) {
      if (this.balance.failed) return html`<button part="retry-button" @click=${this.onRetry}>${m.retry}</button>`;
      return html`<div part="skeleton" aria-hidden="true"></div>`;
    }
    // Nothing this sale can take, and no benefit chosen: a calm state with nothing to press.
    if (this.maxCents === 0 && this.chosenBenefits.length === 0 && !this.unsettled) {
      return html`${this.renderMember(this.memberName)}<p part="nothing">${m.redemption.nothingToRedeem}</p>`;
    }
    const facts = this.amountFacts();
    const disabled = this.requesting || this.redemption.busy || this.recovery.running;
    const { onSubmit, onInput, onMax, onScanThrough } = this;
    return html`${this.renderMember(this.memberName)}${renderRedeemForm({ facts, check: checkAmount(facts), messages: m, money, disabled, onSubmit, onInput, onMax, onScanThrough })}`;
  }
}
