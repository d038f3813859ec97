import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Benefit, OmneoClient, Profile } from '../../client/index.js';
import { OmneoBenefitSelectEvent, OmneoErrorEvent } from '../events.js';
import { OmneoSessionLockedError, type OmneoSessionChange } from '../session.js';
import { asOmneoError, isAbort, OmneoElement } from '../shared/omneo-element.js';
import { OUTSIDE_TEXT, sentenceWith } from '../shared/outside-text.js';
import { baseStyles } from '../styles/base.js';
import { benefitPickerStyles } from './benefit-picker.styles.js';
import { foldForSearch, renderRow, toRow, type BenefitRow } from './benefit-row.js';

/** The benefits listed, and whose they are. */
interface Loaded {
  profileId: string;
  benefits: Benefit[];
}

/**
 * The member's active benefits, to choose what to redeem: name, short description, value,
 * expiry and POS code. Those that cannot be redeemed now are left out, or shown disabled with
 * the reason under `show-unavailable`. Money-off benefits show what they are worth; the others
 * (a percentage discount, a gift, an event…) carry an "Apply at the till" badge instead.
 *
 * The member is, in order: `.profile`, `profile-id`, or the provided session's member. One
 * benefit can be chosen (a listbox), or several with `multiple` (a group of checkboxes).
 * Keyboard: Tab reaches the list (one stop), the arrow keys, Home and End move, Space and
 * Enter choose. In a session, each choice is also set as the session's benefits
 * (`session.setBenefits`), which `<omneo-redemption-panel>` follows.
 *
 * Past `filter-threshold` benefits (default 8), the list scrolls inside the picker (at most
 * 22rem tall: a host sets another `max-height` on `::part(long)`) under a filter box that matches names, descriptions,
 * values and POS codes; Arrow Down or Enter in the box moves to the first match, Escape clears
 * it. Chosen benefits stay chosen while filtered out.
 *
 * While the session is held (a redemption is unsettled, see `OmneoSession.held`), the choice is
 * locked: the list says why, choosing is refused (and announced), and setting `selected` to
 * another choice throws `OmneoSessionLockedError`.
 *
 * @summary Lists a member's active benefits and lets the cashier choose one or several.
 * @tagname omneo-benefit-picker
 *
 * @slot empty - Replaces the text shown when the member has no benefit to redeem.
 *
 * @csspart list - The list (a listbox, or a group with `multiple`); also `long` past `filter-threshold` (it scrolls), `locked` while a redemption is held.
 * @csspart option - One benefit; also `option-selected` when chosen, `option-unavailable` when it cannot be, `option-apply` when applied at the till.
 * @csspart check - The radio or checkbox mark of a benefit.
 * @csspart body - A benefit's texts.
 * @csspart name - A benefit's name.
 * @csspart details - A benefit's description, value, expiry, POS code and reason.
 * @csspart description - A benefit's short description.
 * @csspart value - What a benefit is worth.
 * @csspart expiry - When a benefit expires.
 * @csspart pos-code - The code to key into the POS.
 * @csspart reason - Why a benefit cannot be chosen (with `show-unavailable`).
 * @csspart apply-badge - "Apply at the till", on a benefit that is not money off (its option is also `option-apply`).
 * @csspart filter - The filter box above a long list (`filter-threshold`).
 * @csspart locked-note - Why the choice cannot change while a redemption is held.
 * @csspart skeleton - The placeholder rows shown while loading.
 * @csspart status - The live region: loading, how many, how many chosen, failures; also `error`.
 * @csspart retry-button - Loads the benefits again after a failure.
 * @csspart empty - Shown when there is no member, or no benefit to redeem.
 *
 * @cssprop [--omneo-picker-background=var(--omneo-color-surface)] - The element's background.
 * @cssprop [--omneo-picker-border-color=var(--omneo-color-border)] - The list's and rows' borders.
 * @cssprop [--omneo-picker-selected-background=var(--omneo-color-surface-alt)] - A chosen benefit.
 * @cssprop [--omneo-picker-accent-color=var(--omneo-color-accent)] - The mark and edge of a chosen benefit.
 *
 * @fires {OmneoBenefitSelectEvent} omneo-benefit-select - The cashier chose or unchose a benefit. Detail: `{ benefits: Benefit[] }`.
 * @fires {OmneoErrorEvent} omneo-error - Loading failed. Detail: `{ error: OmneoError, operation: 'benefits-load' }`.
 */
export class OmneoBenefitPicker extends OmneoElement {
  static override styles = [baseStyles, benefitPickerStyles];

  private readonly load = new Task(this, {
    args: () => [this.activeClient, this.member?.id] as const,
    task: ([client, profileId], { signal }) => this.fetch(client, profileId, signal),
    onComplete: (loaded) => this.loaded(loaded),
    onError: (error) => void this.report(error),
  });
  /** Rows worked out once per load, locale and `show-unavailable`: see benefit-row.ts. */
  private rowCache: { key: unknown[]; rows: BenefitRow[] } | null = null;

  /** Rows shown through the filter, per `rows` and query. */
  private filterCache: { rows: BenefitRow[]; query: string; shown: BenefitRow[] } | null = null;

  @state() private chosen: ReadonlySet<number> = new Set();
  @state() private activeIndex = 0;
  /** What the cashier typed in the filter box. */
  @state() private query = '';
  /** A choice was refused because the session is held: the status says why. */
  @state() private refused = false;

  /** The member whose benefits to list. Takes precedence over `profile-id` and the session. */
  @property({ attribute: false }) profile: Profile | null = null;
  /** The Omneo profile id of the member whose benefits to list. */
  @property({ attribute: 'profile-id' }) profileId?: string;
  /** Several benefits may be chosen (checkboxes) instead of one (a listbox). */
  @property({ type: Boolean, reflect: true }) multiple = false;
  /** Also list benefits that cannot be redeemed now, disabled, with the reason. */
  @property({ type: Boolean, attribute: 'show-unavailable' }) showUnavailable = false;
  /** The clock expiries are measured by, epoch ms. Default `Date.now`. */
  @property({ attribute: false }) now: () => number = Date.now;
  /** Past this many benefits, the list scrolls inside the picker under a filter box. */
  @property({ type: Number, attribute: 'filter-threshold' }) filterThreshold = 8;

  /**
   * The ids of the chosen benefits. Setting it chooses them without an event; while the session
   * is held, another choice throws `OmneoSessionLockedError`.
   */
  get selected(): number[] {
    return [...this.chosen];
  }
  set selected(ids: readonly number[]) {
    const next = new Set(this.multiple ? ids : ids.slice(0, 1));
    const same = next.size === this.chosen.size && [...next].every((id) => this.chosen.has(id));
    if (this.locked && !same) throw new OmneoSessionLockedError('benefits');
    this.chosen = next;
    this.chooseInSession();
  }

  /** The session is held: a redemption is unsettled, so the choice cannot change. */
  private get locked(): boolean {
    return this.session?.held ?? false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('multiple') && !this.multiple && this.chosen.size > 1) this.chosen = new Set([...this.chosen].slice(0, 1));
  }

  protected override sessionChanged(change: OmneoSessionChange): void {
    if (change.kind === 'profile') this.requestUpdate();
    else if (change.kind === 'lock') {
      this.refused = false;
      this.requestUpdate();
    }
    else if (change.kind === 'new-sale') {
      this.chosen = new Set();
      this.query = '';
      this.activeIndex = 0;
    }
    // A redemption settled for this member: a redeemed benefit is gone, a returned one is back.
    else if (change.kind === 'balances-stale' && change.profileId === this.member?.id) void this.load.run();
  }

  private get member(): { id: string } | null {
    const id = this.profile?.id ?? this.profileId ?? this.session?.profile?.id;
    return id ? { id } : null;
  }

  private async fetch(client: OmneoClient | undefined, profileId: string | undefined, signal: AbortSignal) {
    if (!client || !profileId) return initialState;
    return { profileId, benefits: await client.benefits.active(profileId, { signal }) };
  }

  private loaded(loaded: Loaded): void {
    // Another member, or a reload: keep only choices still on the list.
    const ids = new Set(loaded.benefits.map((b) => b.id));
    const kept = [...this.chosen].filter((id) => ids.has(id));
    if (kept.length !== this.chosen.size) this.chosen = new Set(kept);
    // Not the cashier's choice, so no DOM event; the panel in the session still follows it.
    this.chooseInSession(loaded);
    this.activeIndex = 0;
  }

  /** Sets the chosen benefits, as loaded, as the session's: the panel redeems what is ticked here. */
  private chooseInSession(loaded = this.load.status === TaskStatus.COMPLETE ? this.load.value : undefined): void {
    // `onComplete` runs before the task holds its new value: `loaded()` passes it in.
    // While held, the session keeps the redeemed choice: a reload does not rewrite it.
    if (!this.session || this.session.held || !loaded || loaded.profileId !== this.member?.id) return;
    const benefits = loaded.benefits.filter((b) => this.chosen.has(b.id));
    const now = this.session.benefits;
    if (benefits.length !== now.length || benefits.some((b, i) => b !== now[i])) this.session.setBenefits(benefits);
  }

  private async report(error: unknown): Promise<void> {
    if (isAbort(error)) return;
    await this.updateComplete;
    this.dispatchEvent(new OmneoErrorEvent(asOmneoError(error), 'benefits-load'));
  }

  private get rows(): BenefitRow[] {
    const loaded = this.load.status === TaskStatus.COMPLETE ? this.load.value : undefined;
    if (!loaded || loaded.profileId !== this.member?.id) return [];
    const key = [loaded, this.locale, this.showUnavailable, this.currency ?? this.session?.currency];
    if (this.rowCache && key.every((k, i) => k === this.rowCache!.key[i])) return this.rowCache.rows;
    const now = this.now();
    const m = this.messages.benefits;
    const rows = loaded.benefits.map((b) => toRow(b, now, this.locale, m, (c) => this.money(c)));
    this.rowCache = { key, rows: this.showUnavailable ? rows : rows.filter((r) => r.unavailable === null) };
    return this.rowCache.rows;
  }

  /** The list is long enough to scroll under a filter box. */
  private get long(): boolean {
    return this.rows.length > this.filterThreshold;
  }

  /** The rows the filter lets through (all of them when the list is short or the box empty). */
  private get shownRows(): BenefitRow[] {
    const rows = this.rows;
    const query = this.long ? foldForSearch(this.query.trim()) : '';
    if (!query) return rows;
    const c = this.filterCache;
    if (c && c.rows === rows && c.query === query) return c.shown;
    const words = query.split(/\s+/);
    const shown = rows.filter((r) => words.every((w) => r.search.includes(w)));
    this.filterCache = { rows, query, shown };
    return shown;
  }

  private async toggle(index: number): Promise<void> {
    const row = this.shownRows[index];
    this.activeIndex = index;
    if (!row || row.unavailable !== null) return;
    if (this.locked) {
      this.refused = true;
      return;
    }
    const id = row.benefit.id;
    const next = new Set(this.multiple ? this.chosen : []);
    if (this.chosen.has(id)) next.delete(id);
    else next.add(id);
    this.chosen = next;
    await this.updateComplete;
    const benefits = this.rows.filter((r) => next.has(r.benefit.id)).map((r) => r.benefit);
    this.dispatchEvent(new OmneoBenefitSelectEvent(benefits));
    this.chooseInSession();
  }

  private async focusRow(index: number): Promise<void> {
    this.activeIndex = index;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const count = this.shownRows.length;
    if (count === 0) return;
    const i = this.activeIndex;
    const moves: Record<string, number> = { ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1, Home: 0, End: count - 1 };
    if (event.key in moves) {
      event.preventDefault();
      void this.focusRow(Math.min(count - 1, Math.max(0, moves[event.key]!)));
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      if (!event.repeat) void this.toggle(i);
    }
  };

  private readonly onClick = (event: MouseEvent): void => {
    const row = (event.target as Element).closest<HTMLElement>('[data-index]');
    if (row) void this.toggle(Number(row.dataset.index));
  };

  private readonly onFocusIn = (event: FocusEvent): void => {
    const row = (event.target as Element).closest<HTMLElement>('[data-index]');
    if (row) this.activeIndex = Number(row.dataset.index);
  };

  private readonly onRetry = (): void => void this.load.run();

  private readonly onFilterInput = (event: InputEvent): void => {
    this.query = (event.target as HTMLInputElement).value;
    this.activeIndex = 0;
  };

  private readonly onFilterKeyDown = (event: KeyboardEvent): void => {
    if ((event.key === 'ArrowDown' || event.key === 'Enter') && this.shownRows.length > 0) {
      event.preventDefault();
      void this.focusRow(0);
    } else if (event.key === 'Escape' && this.query) {
      event.preventDefault();
      this.query = '';
    }
  };

  protected override render() {
    const m = this.messages;
    if (!this.member) return html`<p part="empty">${m.noMember}</p>`;
    const status = this.load.status;
    const failed = status === TaskStatus.ERROR && !isAbort(this.load.error);
    const pending = status === TaskStatus.PENDING || (status === TaskStatus.INITIAL && this.activeClient !== undefined);
    const all = this.rows;
    const rows = this.shownRows;
    const long = this.long;
    const locked = this.locked;
    const active = Math.min(this.activeIndex, rows.length - 1);
    const chosen = this.chosen.size ? `, ${m.benefits.selectedCount(this.chosen.size)}` : '';
    const message = failed
      ? this.errorMessage(asOmneoError(this.load.error))
      : pending
        ? m.benefits.loading
        : all.length === 0
          ? m.benefits.empty
          : locked && this.refused
            ? m.benefits.locked
            : rows.length === 0
              ? sentenceWith(m.benefits.noFilterMatch(OUTSIDE_TEXT), this.query.trim())
              : `${rows.length < all.length ? m.benefits.shownCount(rows.length, all.length) : m.benefits.count(all.length)}${chosen}`;
    const describedBy = locked ? 'hint locked-note' : 'hint';
    return html`${pending ? this.renderSkeleton() : nothing}
      ${locked && all.length > 0 ? html`<p part="locked-note" id="locked-note">${m.benefits.locked}</p>` : nothing}
      ${long
        ? html`<input part="filter" type="search" aria-label=${m.benefits.filterLabel} placeholder=${m.benefits.filterPlaceholder}
            autocomplete="off" spellcheck="false" .value=${this.query} @input=${this.onFilterInput} @keydown=${this.onFilterKeyDown} />`
        : nothing}
      ${rows.length > 0
        ? html`<div part=${`list${long ? ' long' : ''}${locked ? ' locked' : ''}`} role=${this.multiple ? 'group' : 'listbox'}
            aria-label=${m.benefits.label} aria-describedby=${describedBy}
            @keydown=${this.onKeyDown} @click=${this.onClick} @focusin=${this.onFocusIn}>
            ${repeat(rows, (r) => r.benefit.id, (row, index) =>
              renderRow(row, {
                index,
                chosen: this.chosen.has(row.benefit.id),
                focusable: index === active,
                multiple: this.multiple,
                locked,
                posCodeLabel: m.benefits.posCode,
                applyLabel: m.benefits.applyAtTill,
              }),
            )}
          </div>
          <span id="hint" class="visually-hidden">${m.benefits.hint}</span>`
        : nothing}
      <p part=${failed ? 'status error' : all.length === 0 && !pending ? 'status empty' : 'status'} role="status"
        class=${pending ? 'visually-hidden' : ''}>${!failed && !pending && all.length === 0 ? html`<slot name="empty">${message}</slot>` : message}</p>
      ${failed ? html`<button part="retry-button" @click=${this.onRetry}>${m.retry}</button>` : nothing}`;
  }

  private renderSkeleton() {
    return html`<div part="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>`;
  }
}
