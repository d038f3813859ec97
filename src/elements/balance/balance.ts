import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Balances, OmneoClient, Profile } from '../../client/index.js';
import { OmneoBalanceLoadEvent, OmneoErrorEvent } from '../events.js';
import type { OmneoSessionChange } from '../session.js';
import { asOmneoError, isAbort, OmneoElement } from '../shared/omneo-element.js';
import { baseStyles } from '../styles/base.js';
import { balanceStyles } from './balance.styles.js';

/** The balances shown, and whose they are. */
interface Loaded {
  profileId: string;
  balances: Balances;
}

/**
 * What a member can redeem at this till, as the headline, with their points (and what they are
 * worth) and the combined balance as secondary figures.
 *
 * The headline is the rewards balance: the panel redeems rewards only unless the till allows
 * points too (`redeem-points`, matching the panel's strategy), when it is rewards plus the
 * points' value. Omneo allows balances below zero (a return after spending, a manual
 * adjustment): the headline then reads zero (nothing can be redeemed) with the real figure
 * beside it, and a negative points or combined figure is shown with its sign, marked `negative`.
 *
 * The member is, in order: `.profile`, `profile-id`, or the provided session's member. A fresh
 * profile's embedded balances are shown without another request; otherwise they are fetched.
 * They are fetched again on `refresh()` and when the session says a redemption for this member
 * settled. A failed refresh keeps the last figures on screen, marked as possibly out of date.
 *
 * @summary Shows what a member can redeem here, then their points and combined balance, full or compact.
 *
 * @csspart balances - The whole balance block (`aria-busy` while loading).
 * @csspart figures - The list of figures (a `<dl>`).
 * @csspart row - One figure: its label and value. Also `headline` (what can be redeemed here, first), and `rewards`, `points` or `combined`.
 * @csspart label - A figure's label.
 * @csspart value - A figure's value; also `negative` when the figure is below zero.
 * @csspart points-value - What the points are worth.
 * @csspart below-zero - Beside a headline that reads zero because the balance is below zero: the real figure.
 * @csspart skeleton - The placeholder shown while the first figures load.
 * @csspart status - Loading, error and out-of-date messages (a live region); also `error` or `stale-marker`.
 * @csspart retry-button - Loads the balances again after a failure.
 * @csspart empty - Shown when there is no member.
 *
 * @cssprop [--omneo-balance-background=var(--omneo-color-surface)] - The element's background.
 * @cssprop [--omneo-balance-accent-color=var(--omneo-color-accent)] - The headline figure's colour.
 * @cssprop [--omneo-balance-figure-size=var(--omneo-font-size-xlarge)] - The headline figure's size (`--omneo-font-size-large` when compact).
 *
 * @fires {OmneoBalanceLoadEvent} omneo-balance-load - Balances were loaded and shown. Detail: `{ balances: Balances, profileId: string }`.
 * @fires {OmneoErrorEvent} omneo-error - Loading failed. Detail: `{ error: OmneoError, operation: 'balances-load' }`.
 */
export class OmneoBalance extends OmneoElement {
  static override styles = [baseStyles, balanceStyles];

  /** The next run fetches even when the profile has balances embedded (a refresh). */
  private forceFetch = false;
  /** The running (or last) run fetched from Omneo. */
  private fetching = false;
  /** A run cut short by disconnection, resumed on reconnection. */
  private interrupted = false;

  private readonly load = new Task(this, {
    args: () => [this.activeClient, this.member?.id, this.member?.profile?.balances ?? null] as const,
    task: ([client, profileId, embedded], { signal }) => this.perform(client, profileId, embedded, signal),
    onComplete: (loaded) => void this.loaded(loaded),
    onError: (error) => void this.report(error),
  });

  /** The last figures shown, kept on screen while a refresh runs or after one fails. */
  @state() private lastGood: Loaded | null = null;

  /** The member whose balances to show. Takes precedence over `profile-id` and the session. */
  @property({ attribute: false }) profile: Profile | null = null;
  /** The Omneo profile id of the member whose balances to show. */
  @property({ attribute: 'profile-id' }) profileId?: string;
  /**
   * The till redeems points as well as rewards (the panel's strategy allows it): the headline is
   * then rewards plus the points' value. Default: rewards only, as in Omneo's guide.
   */
  @property({ type: Boolean, attribute: 'redeem-points', reflect: true }) redeemPoints = false;
  /** `full` (default): a labelled list. `compact`: one line, for a till header. */
  @property({ reflect: true }) variant: 'full' | 'compact' = 'full';

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.interrupted) return;
    this.interrupted = false;
    this.forceFetch = this.fetching;
    void this.load.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.load.status !== TaskStatus.PENDING) return;
    this.interrupted = true;
    this.load.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.lastGood && this.lastGood.profileId !== this.member?.id) this.lastGood = null;
  }

  protected override sessionChanged(change: OmneoSessionChange): void {
    if (change.kind === 'profile') this.requestUpdate();
    else if (change.kind === 'balances-stale' && change.profileId === this.member?.id) void this.refresh();
  }

  /** Whose balances: `.profile`, else `profile-id`, else the session's member. */
  private get member(): { id: string; profile: Profile | null } | null {
    if (this.profile) return { id: this.profile.id, profile: this.profile };
    if (this.profileId) return { id: this.profileId, profile: null };
    const chosen = this.session?.profile;
    return chosen ? { id: chosen.id, profile: chosen } : null;
  }

  private async perform(
    client: OmneoClient | undefined,
    profileId: string | undefined,
    embedded: Balances | null,
    signal: AbortSignal,
  ): Promise<Loaded | typeof initialState> {
    if (!client || !profileId) return initialState;
    this.fetching = this.forceFetch || !embedded;
    this.forceFetch = false;
    const balances = this.fetching || !embedded ? await client.balances.get(profileId, { signal }) : embedded;
    return { profileId, balances };
  }

  private async loaded(loaded: Loaded): Promise<void> {
    this.lastGood = loaded;
    await this.updateComplete;
    this.dispatchEvent(new OmneoBalanceLoadEvent(loaded.balances, loaded.profileId));
  }

  private async report(error: unknown): Promise<void> {
    if (isAbort(error)) return;
    await this.updateComplete;
    this.dispatchEvent(new OmneoErrorEvent(asOmneoError(error), 'balances-load'));
  }

  private readonly onRetry = (): void => void this.refresh();

  /** Fetches the balances from Omneo again. Resolves when they are shown (or the load failed). */
  async refresh(): Promise<void> {
    if (!this.member || !this.activeClient) return;
    this.forceFetch = true;
    await this.load.run();
  }

  protected override render() {
    const m = this.messages;
    if (!this.member) return html`<p part="empty">${m.noMember}</p>`;
    const status = this.load.status;
    const failed = status === TaskStatus.ERROR && !isAbort(this.load.error);
    const shown = status === TaskStatus.COMPLETE ? this.load.value : this.lastGood;
    const pending = status === TaskStatus.PENDING || (status === TaskStatus.ERROR && !failed);
    const message = failed ? (shown ? m.stale : this.errorMessage(asOmneoError(this.load.error))) : pending ? m.loadingBalances : '';
    const statusPart = failed ? (shown ? 'status stale-marker' : 'status error') : 'status';
    return html`<section part="balances" aria-label=${m.balancesLabel} aria-busy=${String(pending)}>
      ${shown ? this.renderFigures(shown.balances, failed) : pending ? this.renderSkeleton() : nothing}
      <p part=${statusPart} role="status" class=${pending && !failed ? 'visually-hidden' : ''}>${message}</p>
      ${failed ? html`<button part="retry-button" @click=${this.onRetry}>${m.retry}</button>` : nothing}
    </section>`;
  }

  private renderFigures(b: Balances, stale: boolean) {
    const m = this.messages;
    const points = html`<div part="row points">
      <dt part="label">${m.points}</dt>
      <dd part=${this.valuePart(b.points)}>${m.pointsCount(this.number(b.points))}
        <span part="points-value">(${m.pointsWorth(this.money(b.pointsValueCents))})</span></dd>
    </div>`;
    const rewards = this.redeemPoints ? this.figure('rewards', m.rewards, b.rewardCents) : nothing;
    const combined = this.redeemPoints ? nothing : this.figure('combined', m.combined, b.combinedCents);
    return html`<dl part=${stale ? 'figures stale' : 'figures'}>
      ${this.renderHeadline(this.redeemPoints ? b.combinedCents : b.rewardCents)} ${rewards} ${points} ${combined}
    </dl>`;
  }

  /** What can be redeemed here: never below zero, the real figure beside it when it is. */
  private renderHeadline(cents: number) {
    const m = this.messages;
    const kind = this.redeemPoints ? 'combined' : 'rewards';
    return html`<div part="row headline ${kind}">
      <dt part="label">${this.redeemPoints ? m.redeemableWithPoints : m.redeemable}</dt>
      <dd part="value">${this.money(Math.max(0, cents))}${cents < 0
        ? html` <span part="below-zero">${m.belowZero(this.money(cents))}</span>`
        : nothing}</dd>
    </div>`;
  }

  private figure(kind: string, label: string, cents: number) {
    return html`<div part="row ${kind}"><dt part="label">${label}</dt><dd part=${this.valuePart(cents)}>${this.money(cents)}</dd></div>`;
  }

  private valuePart(n: number): string {
    return n < 0 ? 'value negative' : 'value';
  }

  private renderSkeleton() {
    return html`<div part="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>`;
  }
}
