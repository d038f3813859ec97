import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Profile } from '../../client/index.js';
import { OmneoErrorEvent, OmneoMemberClearEvent, OmneoMemberSelectEvent, OmneoScanEvent } from '../events.js';
import { OmneoSessionLockedError, type OmneoSessionChange } from '../session.js';
import { asOmneoError, isAbort, OmneoElement } from '../shared/omneo-element.js';
import { OUTSIDE_TEXT, sentenceWith } from '../shared/outside-text.js';
import { WedgeScanController } from '../shared/wedge-scanner.js';
import { baseStyles } from '../styles/base.js';
import { findMembers, OPERATION, type LookupOutcome, type LookupRequest } from './find-members.js';
import { memberLookupStyles } from './member-lookup.styles.js';
import { renderMemberDetails } from './member-details.js';

/** Shorter text finds half the tenant; wait for more. */
const MIN_SEARCH_LENGTH = 2;

/**
 * One field to find the member at the till.
 *
 * - A keyboard-wedge scan (a burst of keys `scan-gap` ms apart at most, ended by Enter or Tab;
 *   with `scan-anywhere`, also while focus is outside any text field, or in a kit field such as
 *   the redemption panel's amount, which gets its text back) or `scan(code)` fires
 *   `omneo-scan` and looks the card up at once. A scan while a member is chosen replaces them.
 * - Typed text matching `card-pattern` is looked up as a card on Enter (and searched as text
 *   when no card matches: it may be a phone number). Other text is searched `debounce` ms after
 *   the last key; a newer search aborts the older, so one at most is in flight.
 * - Results are a listbox: ArrowUp/Down, Enter to choose, Escape to clear. Email and phone are
 *   masked until the reveal toggle. One card match is chosen at once.
 * - The chosen member goes to the session, if one is provided. `profile-id` (or `.profile`, or
 *   the session) shows a member without `omneo-member-select`: that event is the cashier's choice.
 * - While the session is held (a redemption for the member on screen is not settled yet, see
 *   `OmneoSession.held`), the member is locked: a scan is refused and announced as such (no
 *   `omneo-scan`, no look-up), and "Change member" stays in place but says why it is unavailable.
 *   Once the till settles the sale (`complete()`, `paymentFailed()`, `abandon()` on the panel),
 *   both work again.
 *
 * @summary Finds an Omneo member by card scan, card number, email, name or phone.
 *
 * @csspart field - The label and the input.
 * @csspart label - The field's label.
 * @csspart input - The text field (a combobox).
 * @csspart status - The live region: searching, how many found, no match, chosen.
 * @csspart results - The list of members found (a listbox).
 * @csspart option - One member in the list; `option-active` is added to the highlighted one.
 * @csspart name - A member's name.
 * @csspart details - A member's tier and (masked) contact details.
 * @csspart error - The error message and its retry button.
 * @csspart retry-button - Repeats the failed lookup.
 * @csspart reveal-button - Shows or masks email and phone.
 * @csspart member - The chosen member.
 * @csspart actions - The chosen member's buttons.
 * @csspart change-button - Clears the chosen member (`aria-disabled` while the member is locked).
 * @csspart locked-note - Why the member cannot be changed now (a redemption is not settled).
 *
 * @cssprop [--omneo-lookup-background=var(--omneo-color-surface)] - The element's background.
 * @cssprop [--omneo-lookup-border-color=var(--omneo-color-border)] - Field, list and card borders.
 * @cssprop [--omneo-lookup-option-active-background=var(--omneo-color-surface-alt)] - The highlighted member.
 * @cssprop [--omneo-lookup-accent-color=var(--omneo-color-accent)] - The highlight's edge.
 *
 * @fires {OmneoMemberSelectEvent} omneo-member-select - A member was chosen. Detail: `{ profile: Profile }`.
 * @fires {OmneoMemberClearEvent} omneo-member-clear - The chosen member was cleared. No detail.
 * @fires {OmneoScanEvent} omneo-scan - A card was scanned. Detail: `{ code: string }`.
 * @fires {OmneoErrorEvent} omneo-error - A lookup failed. Detail: `{ error: OmneoError, operation: string }`.
 */
export class OmneoMemberLookup extends OmneoElement {
  static override styles = [baseStyles, memberLookupStyles];
  static override shadowRootOptions: ShadowRootInit = { ...OmneoElement.shadowRootOptions, delegatesFocus: true };

  private readonly scanner = new WedgeScanController(this, (code) => this.scan(code));
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private request: LookupRequest = { kind: 'idle' };
  /** A run or a debounced search cut short by disconnection, resumed on reconnection. */
  private interrupted = false;

  private readonly lookup = new Task<[LookupRequest], LookupOutcome>(this, {
    autoRun: false,
    task: ([request], { signal }) => {
      const client = this.activeClient;
      return request.kind === 'idle' || !client ? initialState : findMembers(client, request, this.identityHandle, signal);
    },
    onComplete: (outcome) => this.settle(outcome),
    onError: (error) => {
      this.listed = [];
      void this.report(error);
    },
  });

  @query('input') private input!: HTMLInputElement | null;
  @query('[part~="member"]') private memberCard!: HTMLElement | null;
  @state() private text = '';
  /** The last search's members, kept on screen while the next search runs. */
  @state() private listed: Profile[] = [];
  @state() private activeIndex = -1;
  @state() private revealed = false;
  /** Says a scan or a change was refused while the member is locked; cleared when the lock goes. */
  @state() private refused = false;

  /** The chosen member. Setting it shows that member; no event fires. */
  @property({ attribute: false }) profile: Profile | null = null;
  /** Loads and shows this member (by Omneo profile id) without a search. */
  @property({ attribute: 'profile-id' }) profileId?: string;
  /** What counts as a card number (a RegExp source): looked up at once on Enter. */
  @property({ attribute: 'card-pattern' }) cardPattern = '^\\d{8,20}$';
  /** The identity handle card numbers are looked up under. */
  @property({ attribute: 'identity-handle' }) identityHandle = 'loyalty-card';
  /** Milliseconds to wait after the last keystroke before searching. */
  @property({ type: Number }) debounce = 250;
  /** Also take scans when focus is elsewhere on the page (but not in another text field). */
  @property({ type: Boolean, attribute: 'scan-anywhere' }) scanAnywhere = false;
  /** The longest gap, in ms, between two keys of a scanner's burst. */
  @property({ type: Number, attribute: 'scan-gap' }) scanGap = 30;
  /** The fewest characters a scanner's burst has. */
  @property({ type: Number, attribute: 'scan-min-length' }) scanMinLength = 6;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.interrupted) return;
    this.interrupted = false;
    if (this.request.kind !== 'idle') this.start(this.request);
    else this.submit(this.text.trim());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.debounceTimer !== undefined) this.interrupted = true;
    clearTimeout(this.debounceTimer);
    this.debounceTimer = undefined;
    if (this.lookup.status === TaskStatus.PENDING && this.request.kind !== 'idle') {
      this.interrupted = true;
      this.lookup.abort();
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('session') && this.session?.profile && !this.profile) this.profile = this.session.profile;
    this.scanner.configure({ maxGapMs: this.scanGap, minLength: this.scanMinLength, anywhere: this.scanAnywhere });
    // Load `profile-id` when it (or the client) changes, never merely because the member was cleared.
    const asked = changed.has('profileId') || changed.has('client') || changed.has('session');
    if (asked && this.profileId && this.profile?.id !== this.profileId && this.activeClient) {
      this.start({ kind: 'profile', id: this.profileId });
    }
  }

  protected override sessionChanged(change: OmneoSessionChange): void {
    if (change.kind === 'lock') {
      this.refused = false;
      this.requestUpdate();
      return;
    }
    if (change.kind === 'new-sale') {
      this.text = '';
      this.start({ kind: 'idle' });
      return;
    }
    if (change.kind !== 'profile' || change.profile === this.profile) return;
    this.profile = change.profile;
    this.revealed = false;
    if (!change.profile) this.start({ kind: 'idle' });
  }

  private start(request: LookupRequest): void {
    clearTimeout(this.debounceTimer);
    this.debounceTimer = undefined;
    if (request.kind !== 'idle' && !this.activeClient) {
      console.warn('omneo-member-lookup: no client. Set `.client` or provide an OmneoSession.');
      return;
    }
    this.request = request;
    if (request.kind !== 'search') this.listed = [];
    void this.lookup.run([request]);
  }

  private settle(outcome: LookupOutcome): void {
    this.activeIndex = -1;
    this.listed = outcome.via === 'search' ? outcome.profiles : [];
    const [only] = outcome.profiles;
    if (outcome.via !== 'search' && only) void this.choose(only, outcome.via === 'identity');
  }

  private async report(error: unknown): Promise<void> {
    if (isAbort(error) || this.request.kind === 'idle') return;
    const operation = OPERATION[this.request.kind];
    await this.updateComplete;
    this.dispatchEvent(new OmneoErrorEvent(asOmneoError(error), operation));
  }

  /** The session's member is locked by an unsettled redemption. */
  private get locked(): boolean {
    return this.session?.held ?? false;
  }

  private async choose(profile: Profile, byCashier: boolean): Promise<void> {
    if (this.locked && profile.id !== this.session?.profile?.id) {
      this.refused = true;
      return;
    }
    const hadFocus = this.matches(':focus-within');
    this.profile = profile;
    this.text = '';
    this.revealed = false;
    this.start({ kind: 'idle' });
    this.session?.setProfile(profile);
    await this.updateComplete;
    if (hadFocus) this.memberCard?.focus();
    if (byCashier) this.dispatchEvent(new OmneoMemberSelectEvent(profile));
  }

  private readonly onFieldKey = (event: KeyboardEvent): void => {
    const listed = this.listed;
    if (event.isComposing) return;
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && listed.length > 0) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const from = this.activeIndex < 0 ? (step > 0 ? -1 : 0) : this.activeIndex;
      this.activeIndex = (from + step + listed.length) % listed.length;
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.text = '';
      this.start({ kind: 'idle' });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const active = listed[this.activeIndex];
      if (active) void this.choose(active, true);
      else this.submit(this.text.trim());
    }
  };

  private readonly onInput = (event: Event): void => {
    this.text = (event.target as HTMLInputElement).value;
    this.activeIndex = -1;
    clearTimeout(this.debounceTimer);
    const text = this.text.trim();
    if (text === '') return this.start({ kind: 'idle' });
    // The cashier typed on after a card went to look-up: that answer must not choose a member.
    if (this.request.kind === 'card' && this.lookup.status === TaskStatus.PENDING && this.request.code !== text) {
      this.start({ kind: 'idle' });
    }
    // Digits alone are a card or phone number still being typed: they wait for Enter.
    if (/^\d+$/.test(text) || this.looksLikeCard(text) || text.length < MIN_SEARCH_LENGTH) return;
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = undefined;
      this.submit(text);
    }, this.debounce);
  };

  /** Looks up what is in the field now: a card at once, other text as a search. */
  private submit(text: string): void {
    if (text === '') return;
    if (this.looksLikeCard(text)) return this.start({ kind: 'card', code: text, scanned: false });
    const shown = this.request.kind === 'search' && this.request.text === text && this.lookup.status !== TaskStatus.ERROR;
    if (!shown) this.start({ kind: 'search', text });
  }

  private looksLikeCard(text: string): boolean {
    try {
      return new RegExp(this.cardPattern).test(text);
    } catch {
      return /^\d{8,20}$/.test(text);
    }
  }

  private readonly onChangeMember = async (): Promise<void> => {
    if (this.locked) {
      this.refused = true;
      return;
    }
    this.clear();
    this.dispatchEvent(new OmneoMemberClearEvent());
    await this.updateComplete;
    this.input?.focus();
  };

  private readonly onRetry = async (): Promise<void> => {
    this.start(this.request);
    await this.updateComplete;
    this.input?.focus();
  };

  private readonly onReveal = (): void => {
    this.revealed = !this.revealed;
  };

  /**
   * Looks up a card number read by the host's own scanner API, as if it had been scanned here.
   * Refused (and announced) while the session is held by an unsettled redemption.
   */
  scan(code: string): void {
    const trimmed = code.trim();
    if (trimmed === '') return;
    if (this.locked) {
      this.refused = true;
      return;
    }
    this.dispatchEvent(new OmneoScanEvent(trimmed));
    if (this.profile) {
      // A new card replaces the member on screen; the host hears of the change.
      this.clear();
      this.dispatchEvent(new OmneoMemberClearEvent());
    }
    this.text = trimmed;
    this.start({ kind: 'card', code: trimmed, scanned: true });
  }

  /**
   * Clears the field, the results and the chosen member (and the session's). No event fires.
   * @throws {OmneoSessionLockedError} while the session is held by an unsettled redemption.
   */
  clear(): void {
    if (this.locked) throw new OmneoSessionLockedError('profile');
    this.profile = null;
    this.text = '';
    this.revealed = false;
    this.start({ kind: 'idle' });
    this.session?.setProfile(null);
  }

  protected override render() {
    const m = this.messages;
    const pending = this.lookup.status === TaskStatus.PENDING && this.request.kind !== 'idle';
    const outcome = this.lookup.status === TaskStatus.COMPLETE ? this.lookup.value : undefined;
    const listed = this.profile ? [] : this.listed;
    const failed = this.lookup.status === TaskStatus.ERROR && !isAbort(this.lookup.error);
    const name = this.profile ? (this.profile.fullName ?? m.unnamed) : '';
    // The name and the query are outside text: put in their own box inside the kit's sentence.
    const status =
      this.refused && this.locked ? m.memberLocked
      : this.profile ? sentenceWith(m.chosen(OUTSIDE_TEXT), name)
      : pending ? m.searching
      : failed ? this.errorMessage(asOmneoError(this.lookup.error))
      : outcome && outcome.profiles.length === 0 ? sentenceWith(m.noMatch(OUTSIDE_TEXT), outcome.text)
      : listed.length > 0 ? m.resultsCount(listed.length)
      : '';
    // One live region, always in the same place, so every change of status is announced.
    return html`${this.profile ? this.renderChosen(this.profile, name) : this.renderField(listed)}
      <p part=${failed && !this.profile ? 'status error' : 'status'} class="holds-outside" role="status">${status}</p>
      ${failed && !this.profile ? html`<button part="retry-button" @click=${this.onRetry}>${m.retry}</button>` : nothing}
      ${listed.length > 0 ? this.renderResults(listed) : nothing}`;
  }

  private renderChosen(profile: Profile, name: string) {
    const m = this.messages;
    return html`<section part="member" tabindex="-1" aria-label=${m.chosen(name)}>
      ${renderMemberDetails(profile, this.revealed, m)}
      <div part="actions">
        <button part="reveal-button" aria-pressed=${String(this.revealed)} @click=${this.onReveal}>${m.reveal}</button>
        <button part="change-button" aria-disabled=${this.locked ? 'true' : nothing}
          aria-describedby=${this.locked ? 'locked-note' : nothing} @click=${this.onChangeMember}>${m.changeMember}</button>
      </div>
      ${this.locked ? html`<p id="locked-note" part="locked-note">${m.memberLockedNote}</p>` : nothing}
    </section>`;
  }

  private renderField(listed: Profile[]) {
    const m = this.messages;
    const open = listed.length > 0;
    return html`<div part="field">
      <label part="label" for="field">${m.lookupLabel}</label>
      <input id="field" part="input" type="text" role="combobox" autocomplete="off" spellcheck="false"
        aria-autocomplete="list" aria-describedby="hint" aria-expanded=${String(open)}
        aria-controls=${open ? 'results' : nothing}
        aria-activedescendant=${open && this.activeIndex >= 0 ? `option-${this.activeIndex}` : nothing}
        placeholder=${m.lookupPlaceholder} .value=${live(this.text)} @input=${this.onInput} @keydown=${this.onFieldKey} />
      <span id="hint" class="visually-hidden">${m.lookupHint}</span>
    </div>`;
  }

  private renderResults(listed: Profile[]) {
    const m = this.messages;
    return html`<ul id="results" part="results" role="listbox" aria-label=${m.resultsLabel}>
        ${listed.map(
          (p, i) => html`<li id="option-${i}" role="option" aria-selected=${String(i === this.activeIndex)}
            part=${i === this.activeIndex ? 'option option-active' : 'option'} @click=${() => void this.choose(p, true)}>
            ${renderMemberDetails(p, this.revealed, m)}
          </li>`,
        )}
      </ul>
      <div part="actions">
        <button part="reveal-button" aria-pressed=${String(this.revealed)} @click=${this.onReveal}>${m.reveal}</button>
      </div>`;
  }
}
