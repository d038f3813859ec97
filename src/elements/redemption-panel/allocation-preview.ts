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

/** What a benefit is expected to take off the sale: its value, at most the eligible total. */
export function benefitCents(benefit: Benefit, sale: Sale): number {
  return Math.min(benefit.valueCents ?? 0, eligibleTotalCents(sale.lines));
}

/** The allocations a redemption of `amountCents` and `benefits` will make, rewards first. */
export function predictAllocations(sale: Sale, amountCents: number, benefits: readonly Benefit[]): AllocatedLine[][] {
  const rewards = amountCents > 0 ? [allocateReward(amountCents, sale.lines)] : [];
  return [...rewards, ...benefits.map((b) => allocateReward(benefitCents(b, sale), sale.lines))];
}

export interface PreviewView {
  sale: Sale;
  allocation: readonly AllocatedLine[];
  /** Rewards left after the redemption, when the balance is known. */
  balanceAfterCents: number | null;
  messages: RedemptionPanelMessages;
  money: (cents: number) => string;
}

/**
 * The allocation as a table (line, original, reward share, net, with totals), like the POS
 * guide's. A line's name is the host's text: isolated and clipped to the width the figures
 * leave, so however long it is the figures stay in view.
 */
export function renderAllocationPreview(view: PreviewView) {
  const { sale, allocation, messages: m, money } = view;
  const byId = new Map(allocation.map((a) => [a.id, a]));
  let original = 0;
  let share = 0;
  const rows = sale.lines.map((line) => {
    const a = byId.get(line.id);
    const lineShare = a?.shareCents ?? 0;
    original += line.amountCents;
    share += lineShare;
    return html`<tr part="preview-row">
      <th scope="row" part="preview-line"><span class="line holds-outside">${outsideText(line.name)}${line.quantity !== 1 ? html` <span part="preview-quantity">× ${line.quantity}</span>` : nothing}</span></th>
      <td>${money(line.amountCents)}</td>
      <td part="preview-share">${lineShare > 0 ? `−${money(lineShare)}` : money(0)}</td>
      <td>${money(line.amountCents - lineShare)}</td>
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
          <th scope="col">${m.share}</th>
          <th scope="col">${m.net}</th>
        </tr>
      </thead>
      <tbody>${rows}</tbody>
      <tfoot>
        <tr part="preview-total">
          <th scope="row">${m.total}</th>
          <td>${money(original)}</td>
          <td part="preview-share">${share > 0 ? `−${money(share)}` : money(0)}</td>
          <td>${money(original - share)}</td>
        </tr>
      </tfoot>
    </table></div>
    ${view.balanceAfterCents !== null
      ? html`<p part="balance-after"><span>${m.balanceAfter}</span> <strong>${money(view.balanceAfterCents)}</strong></p>`
      : nothing}`;
}
