/**
 * One benefit as the picker lists it. Everything a row shows is worked out once per load
 * (and per locale), so that choosing a benefit re-renders only what changed: which row is
 * chosen and which one has focus.
 */
import { html, nothing } from 'lit';
import type { Benefit } from '../../client/index.js';
import { parseOmneoTimestamp } from '../../client/time.js';
import type { BenefitPickerMessages } from '../i18n.js';
import { outsideText } from '../shared/outside-text.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Nearer than this, an expiry reads "in 3 days"; further, it reads as a date. */
const RELATIVE_LIMIT = 31 * DAY;

/** What a row shows, all of it text (never markup). */
export interface BenefitRow {
  benefit: Benefit;
  name: string;
  description: string | null;
  value: string | null;
  expiry: string | null;
  posCode: string | null;
  /** Why it cannot be chosen, or `null` when it can. */
  unavailable: string | null;
  /** Applied at the till by its code (`kind: 'apply'`), not money off the sale. */
  apply: boolean;
  /** What the filter box matches: the texts above, folded (see {@link foldForSearch}). */
  search: string;
}

/** Lower case without accents, so "cafe" finds "Café" and "bday" finds "BDAY-10". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const relative = new Map<string, Intl.RelativeTimeFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();

/** "Expires in 3 days", "Expires tomorrow", "Expires on 25 Dec 2026"; `null` when it never expires. */
export function expiryText(expiresAt: string | null, now: number, locale: string, m: BenefitPickerMessages): string | null {
  const at = expiresAt === null ? undefined : parseOmneoTimestamp(expiresAt);
  if (at === undefined || at <= now) return null;
  const left = at - now;
  if (left >= RELATIVE_LIMIT) {
    if (!dates.has(locale)) dates.set(locale, new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }));
    return m.expiresOn(dates.get(locale)!.format(at));
  }
  if (!relative.has(locale)) relative.set(locale, new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const rtf = relative.get(locale)!;
  return m.expiresIn(left < DAY ? rtf.format(Math.max(1, Math.floor(left / HOUR)), 'hour') : rtf.format(Math.floor(left / DAY), 'day'));
}

/** Why a benefit cannot be redeemed now, or `null`. */
export function unavailableReason(b: Benefit, now: number, m: BenefitPickerMessages): string | null {
  const at = b.expiresAt === null ? undefined : parseOmneoTimestamp(b.expiresAt);
  if (b.isExpired || (at !== undefined && at <= now)) return m.expired;
  return b.isRedeemable && b.active ? null : m.notRedeemable;
}

export function toRow(b: Benefit, now: number, locale: string, m: BenefitPickerMessages, money: (cents: number) => string): BenefitRow {
  // A value is dollars only for money off: a discount's is a percentage, a gift's is not cash.
  const value = b.kind === 'money' && b.valueCents !== null ? m.value(money(b.valueCents)) : null;
  return {
    benefit: b,
    name: b.name,
    description: b.shortDescription,
    value,
    expiry: expiryText(b.expiresAt, now, locale, m),
    posCode: b.posCode,
    unavailable: unavailableReason(b, now, m),
    apply: b.kind === 'apply',
    search: foldForSearch([b.name, b.shortDescription, b.posCode, value].filter(Boolean).join('\n')),
  };
}

export interface RowState {
  index: number;
  chosen: boolean;
  focusable: boolean;
  multiple: boolean;
  /** The session is held: nothing can be chosen or unchosen. */
  locked: boolean;
  posCodeLabel: string;
  applyLabel: string;
}

/**
 * An option (one choice) or a checkbox (several), named by all its text. Omneo's text (name,
 * description, POS code) is isolated and clipped, its full text in a `title`: the name and code
 * to one line, the description to two.
 */
export function renderRow(row: BenefitRow, s: RowState) {
  const id = `benefit-${row.benefit.id}`;
  const disabled = row.unavailable !== null;
  const partName = `option${s.chosen ? ' option-selected' : ''}${disabled ? ' option-unavailable' : ''}${row.apply ? ' option-apply' : ''}`;
  return html`<div id=${id} part=${partName} data-index=${s.index}
    role=${s.multiple ? 'checkbox' : 'option'}
    aria-selected=${s.multiple ? nothing : String(s.chosen)}
    aria-checked=${s.multiple ? String(s.chosen) : nothing}
    aria-disabled=${disabled || s.locked ? 'true' : nothing}
    tabindex=${s.focusable ? '0' : '-1'}>
    <span part="check" aria-hidden="true"></span>
    <span part="body">
      <span part="name" class="holds-outside">${outsideText(row.name)}</span>
      <span part="details" class="holds-outside">
        ${row.description ? html`<bdi part="description" title=${row.description}>${row.description}</bdi>` : nothing}
        ${row.apply ? html`<span part="apply-badge">${s.applyLabel}</span>` : nothing}
        ${row.value ? html`<span part="value">${row.value}</span>` : nothing}
        ${row.expiry ? html`<span part="expiry">${row.expiry}</span>` : nothing}
        ${row.posCode ? html`<span part="pos-code"><span>${s.posCodeLabel}</span> <code>${outsideText(row.posCode)}</code></span>` : nothing}
        ${row.unavailable ? html`<span part="reason">${row.unavailable}</span>` : nothing}
      </span>
    </span>
  </div>`;
}
