/**
 * The preview of a redemption: what each line of the sale carries, before anything is written
 * (predicted with the same `allocateReward` the flows use) and after (the flows' own figures).
 */
import { html, nothing } from 'lit';
import type { Benefit } from '../../client/index.js';
import { allocateReward, eligibleTotalCents, type AllocatedLine, type Sale } from '../../rules/index.js';
import type { RedemptionPanelMessages } from '../i18n.js';
import { outsideText } from '../shared/outside-text.js';

/** Each line's shares of several redemptions, added up (every allocation covers the same lines). */
export function combineAllocations(lines: Sale['lines'], allocations: readonly (readonly AllocatedLine[])[]): AllocatedLine[] {
  return lines.map((line) => {
    let share = 0;
    for (const allocation of allocations) share += allocation.find((a) => a.id === line.id)?.shareCents ?? 0;
    return { id: line.id, amountCents: line.amountCents, shareCents: share, netCents: line.amountCents - share };
  });
}

/**
 * What a benefit is expected to take off the sale: a money-off benefit's value, at most the
 * eligible total; nothing for a benefit applied at the till (`kind: 'apply'`).
 */
export function benefitCents(benefit: Benefit, sale: Sale): number {
  return benefit.kind === 'money' ? Math.min(benefit.valueCents ?? 0, eligibleTotalCents(sale.lines)) : 0;
}

/** One column of shares in the table: the rewards, or one money-off benefit. */
export interface ShareColumn {
  /** The column's heading: the catalogue's "Rewards", or the benefit's name (outside text). */
  label: string;
  /** `label` is outside text (a benefit's name): isolated and clipped. */
  outside: boolean;
  allocation: readonly AllocatedLine[];
}

/**
 * The columns a redemption of `amountCents` and `benefits` will fill, rewards first, predicted
 * with the same `allocateReward` the flows use. Benefits applied at the till have none.
 */
export function predictColumns(sale: Sale, amountCents: number, benefits: readonly Benefit[], rewardsLabel: string): ShareColumn[] {
  const rewards = amountCents > 0 ? [{ label: rewardsLabel, outside: false, allocation: allocateReward(amountCents, sale.lines) }] : [];
  const money = benefits.filter((b) => b.kind === 'money');
  return [...rewards, ...money.map((b) => ({ label: b.name, outside: true, allocation: allocateReward(benefitCents(b, sale), sale.lines) }))];
}

export interface PreviewView {
  sale: Sale;
  /** A column per redemption that takes money off: each refund later matches one of its figures. */
  columns: readonly ShareColumn[];
  /** Rewards left after the redemption, when the balance is known. */
  balanceAfterCents: number | null;
  messages: RedemptionPanelMessages;
  money: (cents: number) => string;
}

const minus = (cents: number, money: (cents: number) => string) => (cents > 0 ? `−${money(cents)}` : money(0));

/**
 * The allocation as a table (line, original, a share column per redemption, net, with totals),
 * like the POS guide's. A line's name and a benefit's are outside text: isolated and clipped to
 * the width the figures leave, so however long they are the figures stay in view.
 */
export function renderAllocationPreview(view: PreviewView) {
  const { sale, columns, messages: m, money } = view;
  const shares = columns.map((c) => new Map(c.allocation.map((a) => [a.id, a.shareCents])));
  const totals = columns.map(() => 0);
  let original = 0;
  let taken = 0;
  const rows = sale.lines.map((line) => {
    const lineShares = shares.map((byId) => byId.get(line.id) ?? 0);
    const lineTaken = lineShares.reduce((a, b) => a + b, 0);
    lineShares.forEach((c, i) => (totals[i]! += c));
    original += line.amountCents;
    taken += lineTaken;
    return html`<tr part="preview-row">
      <th scope="row" part="preview-line"><span class="line holds-outside">${outsideText(line.name)}${line.quantity !== 1 ? html` <span part="preview-quantity">× ${line.quantity}</span>` : nothing}</span></th>
      <td>${money(line.amountCents)}</td>
      ${lineShares.map((c) => html`<td part="preview-share">${minus(c, money)}</td>`)}
      <td>${money(line.amountCents - lineTaken)}</td>
    </tr>`;
  });
  // The frame is the table's size container: the table fits the width the till gives the
  // panel (tighter cells when narrow) instead of widening the panel past it.
  return html`<div class="preview-frame"><table part="preview">
      <caption>${m.previewCaption}</caption>
      <thead>
        <tr>
          <th scope="col">${m.item}</th>
          <th scope="col">${m.original}</th>
          ${columns.map((c) => html`<th scope="col" part="preview-column">${c.outside ? html`<span class="column holds-outside">${outsideText(c.label)}</span>` : c.label}</th>`)}
          <th scope="col">${m.net}</th>
        </tr>
      </thead>
      <tbody>${rows}</tbody>
      <tfoot>
        <tr part="preview-total">
          <th scope="row">${m.total}</th>
          <td>${money(original)}</td>
          ${totals.map((c) => html`<td part="preview-share">${minus(c, money)}</td>`)}
          <td>${money(original - taken)}</td>
        </tr>
      </tfoot>
    </table></div>
    ${view.balanceAfterCents !== null
      ? html`<p part="balance-after"><span>${m.balanceAfter}</span> <strong>${money(view.balanceAfterCents)}</strong></p>`
      : nothing}`;
}
