/**
 * The panel's part in recovery after a reload or a crash: `recoverRedemptions` settles what the
 * journal holds, and asks the host about each held redemption through a cancelable
 * `omneo-redemption-recover` event, so a sale the host knows was paid is recorded, not reversed.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { OmneoClient } from '../../client/index.js';
import {
  recoverRedemptions,
  type CompleteInput,
  type RecoveryReport,
  type RecoveryResult,
  type RedemptionJournal,
} from '../../rules/index.js';
import { OmneoRedemptionRecoverEvent, type OmneoPaymentDetails } from '../events.js';
import type { RedemptionPanelMessages } from '../i18n.js';
import { OUTSIDE_TEXT, sentenceWith } from '../shared/outside-text.js';

export interface PanelRecoveryOptions {
  /** Where the recover events are dispatched. */
  host: EventTarget;
  client: OmneoClient;
  journal: RedemptionJournal;
  now: () => number;
  /** What the panel knows of every sale it records: staff, location, zone. */
  defaults: () => Omit<CompleteInput, 'payments' | 'receiptRef' | 'transactedAt'>;
}

/** Runs recovery over the panel's journal, asking the host about each held redemption. */
export function recoverForPanel(options: PanelRecoveryOptions): Promise<RecoveryResult> {
  const { host, client, journal, now } = options;
  return recoverRedemptions({
    client,
    journal,
    now,
    claim: (entry) => {
      let payment: OmneoPaymentDetails = {};
      const event: OmneoRedemptionRecoverEvent = new OmneoRedemptionRecoverEvent({
        entry,
        claim: (details = {}) => {
          payment = details;
          event.preventDefault();
        },
      });
      host.dispatchEvent(event);
      return event.defaultPrevented ? { ...options.defaults(), ...payment } : false;
    },
  });
}

/** What the panel does with recovery's outcome: report failures, refresh balances. */
export interface RecoveryListener {
  failed(error: unknown): void;
  /** A redemption of this member was settled. */
  settled(profileId: string): void;
}

/**
 * Runs recovery once per panel, at its first update with a client (`options` answers `null`
 * until then), and keeps what to show.
 */
export class PanelRecovery implements ReactiveController {
  running = false;
  /** The reports shown: what was settled, and what could not be. */
  shown: RecoveryReport[] = [];
  private started = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: () => PanelRecoveryOptions | null,
    private readonly listener: RecoveryListener,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostUpdate(): void {
    const options = this.started ? null : this.options();
    if (!options) return;
    this.started = true;
    this.running = true;
    recoverForPanel(options).then(
      ({ reports }) => this.done(reports, null),
      (error: unknown) => this.done([], error),
    );
  }

  private done(reports: RecoveryReport[], error: unknown): void {
    this.running = false;
    this.shown = shownReports(reports);
    this.host.requestUpdate();
    if (error) this.listener.failed(error);
    for (const r of reports) if (r.status === 'failed') this.listener.failed(r.error);
    const members = new Set(reports.flatMap((r) => (r.status === 'settled' ? [r.entry.profileId] : [])));
    members.forEach((profileId) => this.listener.settled(profileId));
  }
}

/** The reports worth showing: what was settled, and what could not be (yet). */
export function shownReports(reports: readonly RecoveryReport[]): RecoveryReport[] {
  return reports.filter((r) => r.status === 'settled' || r.status === 'failed');
}

/** The list of what recovery did, in the cashier's words; the sale id (the host's text) isolated. */
export function renderRecovery(reports: readonly RecoveryReport[], m: RedemptionPanelMessages, money: (cents: number) => string) {
  if (reports.length === 0) return nothing;
  return html`<section part="recovery" aria-labelledby="recovery-heading">
    <h3 id="recovery-heading" part="recovery-heading">${m.recoveredHeading}</h3>
    <ul part="recovery-list">
      ${reports.map((r) => {
        const sale = r.entry.sale.id;
        const cents = r.entry.redemption?.totalCents ?? r.entry.amountCents ?? 0;
        return r.status === 'settled'
          ? html`<li part="recovery-item ${r.outcome}" class="holds-outside">${sentenceWith(m.recoveredItem(OUTSIDE_TEXT, money(cents), r.outcome), sale)}</li>`
          : html`<li part="recovery-item failed" class="holds-outside">${sentenceWith(m.recoveryFailed(OUTSIDE_TEXT), sale)}</li>`;
      })}
    </ul>
  </section>`;
}
