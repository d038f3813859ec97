/**
 * The redemption panel's pure pieces: the amount check, what the live region says in each
 * state, and the templates of the amount field and the chosen benefits.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { OmneoError, type Benefit } from '../../client/index.js';
import { AllocationError, eligibleTotalCents, RedemptionFlowError, type AllocatedLine, type Sale } from '../../rules/index.js';
import type { Messages, RedemptionPanelMessages } from '../i18n.js';
import { OUTSIDE_TEXT, outsideText, sentenceWith } from '../shared/outside-text.js';
import { parseAmount } from './amount.js';
import { benefitCents, combineAllocations, predictColumns, renderAllocationPreview, type ShareColumn } from './allocation-preview.js';
import type { RedemptionController } from './redemption-controller.js';

/** What the amount is checked against. */
export interface AmountFacts {
  /** The field's text. */
  text: string;
  /** The cashier has typed in the field (a problem is said only then: an untouched field is calm). */
  touched: boolean;
  /** The rewards column's heading. */
  rewardsLabel: string;
  locale: string;
  maxCents: number;
  balanceCents: number;
  sale: Sale;
  benefits: readonly Benefit[];
}

export type AmountProblem = 'tooMuch' | 'nothing' | 'notWholeCents' | 'notAnAmount' | 'overSale' | 'noSale';

export type AmountCheck =
  | { kind: 'ok'; cents: number; allocation: AllocatedLine[]; columns: ShareColumn[] }
  | { kind: 'problem'; problem: AmountProblem };

/**
 * The most that can be redeemed: what the strategies may spend (the rewards balance, plus the
 * points' value when points may pay), at most the eligible total less the money-off benefits.
 */
export function maxRedeemableCents(balanceCents: number, sale: Sale, benefits: readonly Benefit[]): number {
  const benefitsCents = benefits.reduce((sum, b) => sum + benefitCents(b, sale), 0);
  return Math.max(0, Math.min(balanceCents, eligibleTotalCents(sale.lines) - benefitsCents));
}

const problem = (p: AmountProblem): AmountCheck => ({ kind: 'problem', problem: p });

/** Whether the amount (with the benefits) can be redeemed, and if so how it spreads over the sale. */
export function checkAmount(f: AmountFacts): AmountCheck {
  const parsed = parseAmount(f.text, f.locale);
  if (parsed.kind === 'fraction') return problem('notWholeCents');
  if (parsed.kind === 'invalid') return problem('notAnAmount');
  const cents = parsed.kind === 'empty' ? 0 : parsed.cents;
  if (cents > f.maxCents) return problem('tooMuch');
  if (cents === 0 && f.benefits.length === 0) return problem('nothing');
  let allocation: AllocatedLine[];
  let columns: ShareColumn[];
  try {
    columns = predictColumns(f.sale, cents, f.benefits, f.rewardsLabel);
    allocation = combineAllocations(f.sale.lines, columns.map((c) => c.allocation));
  } catch (error) {
    if (error instanceof AllocationError) return problem(error.code === 'amount_exceeds_eligible' ? 'tooMuch' : 'noSale');
    throw error;
  }
  // Each redemption is spread on its own: together they must still fit every line.
  if (allocation.some((line) => line.shareCents > Math.max(0, line.amountCents))) return problem('overSale');
  return { kind: 'ok', cents, allocation, columns };
}

function problemText(p: AmountProblem, m: RedemptionPanelMessages, max: string): string {
  return p === 'tooMuch' ? m.tooMuch(max) : p === 'noSale' ? m.noSale : m[p];
}

/** A failure in the cashier's words. Text from Omneo is never shown; the error's code is. */
export function failureMessage(error: unknown, m: Messages, max: string): string {
  const r = m.redemption;
  if (error instanceof RedemptionFlowError) {
    if (error.code === 'intent_in_progress') return r.inProgress;
    if (error.code === 'outcome_unknown') return r.outcomeUnknown;
    if (error.code === 'invalid_state') return r.notNow;
  }
  if (error instanceof OmneoError) return m.errors[error.code];
  if (error instanceof AllocationError) {
    if (error.code === 'amount_exceeds_eligible') return r.tooMuch(max);
    if (RETURN_CODES.has(error.code)) return r.returnRefused;
    return r.noSale;
  }
  return r.failed;
}

// A return the sale cannot take: the host's list of returned lines is at fault, not the sale.
const RETURN_CODES = new Set(['return_exceeds_line', 'unknown_line_id', 'invalid_quantity', 'duplicate_line_id']);

export interface StatusInput {
  messages: Messages;
  recovering: boolean;
  requesting: boolean;
  vetoed: boolean;
  /** The last failure, if any. */
  failure: unknown;
  /** The most that can be redeemed, as money (for an amount Omneo found too high). */
  maxText: string;
  /** Cents given back for returns, as money, once there are any. */
  returned: string | null;
  /** A return gave nothing back. */
  nothingReturned: boolean;
  now: number;
}

export interface StatusView {
  text: string;
  /** `status`, plus `error` or `warning`. */
  part: string;
  /** The amount form is on screen (nothing redeemed, or redeemed and undone). */
  showForm: boolean;
  /** What is left of the reversal window, `m:ss`, while held and inside it. */
  countdown: string | null;
}

/** What the live region says, and what the panel shows, for the sale's state. */
export function statusView(controller: RedemptionController, input: StatusInput): StatusView {
  const m = input.messages.redemption;
  const state = controller.state;
  const recorded = controller.parts.some((p) => p.flow.current.transaction !== null);
  const showForm = state === 'idle' || state === 'redeeming' || ((state === 'reversed' || state === 'refunded') && !recorded);
  const deadline = controller.reversalDeadline;
  const left = state === 'held' && deadline !== null ? Math.ceil((deadline - input.now) / 1000) : 0;
  const countdown = left > 0 ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` : null;
  const view = (text: string, part = 'status'): StatusView => ({ text, part, showForm, countdown });
  if (input.recovering) return view(m.recovering);
  if (input.requesting || state === 'redeeming') return view(m.redeeming);
  // A recording that failed stays `recording` until the host tries again: say what failed.
  if (input.failure) return view(failureMessage(input.failure, input.messages, input.maxText), 'status error');
  if (state === 'recording' || state === 'reversing' || state === 'refunding') return view(m[state]);
  if (input.vetoed) return view(m.vetoed, 'status warning');
  if (state === 'held') return countdown ? view(m.held) : view(m.windowPassed, 'status warning');
  if (input.returned && recorded) return view(m.returned(input.returned));
  if (input.nothingReturned && recorded) return view(m.nothingReturned);
  if (state === 'completed') return view(m.recorded);
  if (state === 'reversed' || state === 'refunded') return view(m[state]);
  return view('');
}

export interface RedeemFormView {
  facts: AmountFacts;
  check: AmountCheck;
  messages: Messages;
  money: (cents: number) => string;
  /** A write is under way, or about to be: nothing may be changed or confirmed. */
  disabled: boolean;
  onSubmit: (event: Event) => void;
  onInput: (event: Event) => void;
  onMax: () => void;
  /** A scanner burst typed into the amount went to the lookup: take its characters back out. */
  onScanThrough: (event: CustomEvent<string>) => void;
}

/** Before redeeming: the amount, the chosen benefits, the preview and the confirm button. */
export function renderRedeemForm(v: RedeemFormView) {
  const { facts, check, messages: m, money } = v;
  const amount = check.kind === 'ok' && check.cents > 0 ? money(check.cents) : null;
  const showPreview = check.kind === 'ok' && check.columns.length > 0;
  return html`<form part="form" novalidate @submit=${v.onSubmit}>
    ${renderAmountField(v)}
    ${renderChosenBenefits(facts.benefits, m, money)}
    ${showPreview
      ? renderAllocationPreview({ sale: facts.sale, columns: check.columns, balanceAfterCents: Math.max(0, facts.balanceCents - check.cents), messages: m.redemption, money })
      : nothing}
    <button type="submit" part="confirm-button" ?disabled=${check.kind !== 'ok' || v.disabled}>${m.redemption.confirm(amount, facts.benefits.length)}</button>
  </form>`;
}

/** The amount: a text field for a decimal keypad, the Max button, the hint and the problem. */
function renderAmountField(v: RedeemFormView) {
  const { facts, check, money } = v;
  const m = v.messages.redemption;
  const max = money(facts.maxCents);
  // An untouched field is calm: a problem is said once the cashier has typed.
  const text = check.kind === 'problem' && facts.touched ? problemText(check.problem, m, max) : null;
  return html`<div part="field">
    <label part="label" for="amount">${m.amountLabel}</label>
    <div part="amount-row">
      <input id="amount" part="input" type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
        enterkeyhint="done" aria-invalid=${String(text !== null)}
        aria-describedby=${text !== null ? 'amount-hint amount-error' : 'amount-hint'}
        data-omneo-scan-through .value=${live(facts.text)} ?readonly=${v.disabled} @input=${v.onInput}
        @omneo-scan-through=${v.onScanThrough} />
      <button type="button" part="max-button" aria-label=${m.maxLabel(max)} ?disabled=${v.disabled} @click=${v.onMax}>${m.max}</button>
    </div>
    <p id="amount-hint" part="hint">${m.amountHint(max, money(facts.balanceCents))}</p>
    ${text !== null ? html`<p id="amount-error" part="amount-error">${text}</p>` : nothing}
  </div>`;
}

/**
 * The benefits that will be redeemed with the rewards; each name isolated and clipped to its row.
 * A money-off benefit shows its value (and has its own column in the table); any other is shown
 * as "apply at the till" with its POS code and store instructions.
 */
export function renderChosenBenefits(benefits: readonly Benefit[], m: Messages, money: (cents: number) => string) {
  if (benefits.length === 0) return nothing;
  return html`<ul part="benefits" aria-label=${m.redemption.chosenBenefits}>
    ${benefits.map((b) =>
      b.kind === 'money'
        ? html`<li part="benefit" class="holds-outside">${outsideText(b.name)}${b.valueCents !== null ? html`<span>${m.benefits.value(money(b.valueCents))}</span>` : nothing}</li>`
        : html`<li part="benefit apply" class="holds-outside">${outsideText(b.name)}<span part="apply-label">${m.redemption.applyAtTill}</span>
            <span part="pos-code">${b.posCode ? sentenceWith(m.redemption.posCode(OUTSIDE_TEXT), b.posCode) : m.redemption.noPosCode}</span>
            ${b.storeInstructions ? html`<span part="store-instructions">${outsideText(b.storeInstructions)}</span>` : nothing}</li>`,
    )}
  </ul>`;
}
