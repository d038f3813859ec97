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
  /** The reports shown: what was settled, what could not be, and what was set aside. */
  shown: RecoveryReport[] = [];
  /** The members' names, by profile id, as far as they could be looked up. */
  names = new Map<string, string | null>();
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

  /** The cashier moved on (another member, a new sale, a redemption): the notice goes. */
  dismiss(): void {
    if (this.shown.length === 0) return;
    this.shown = [];
    this.host.requestUpdate();
  }

  private done(reports: RecoveryReport[], error: unknown): void {
    this.running = false;
    this.shown = shownReports(reports);
    this.host.requestUpdate();
    void this.lookUpNames(this.shown);
    if (error) this.listener.failed(error);
    for (const r of reports) if (r.status === 'failed') this.listener.failed(r.error);
    const members = new Set(reports.flatMap((r) => (r.status === 'settled' ? [r.entry.profileId] : [])));
    members.forEach((profileId) => this.listener.settled(profileId));
  }

  /** Names the members of the notice (one request each, answered from the client's cache when it can). */
  private async lookUpNames(reports: readonly RecoveryReport[]): Promise<void> {
    const client = this.options()?.client;
    const ids = [...new Set(reports.map((r) => r.entry.profileId))].filter((id) => !this.names.has(id));
    if (!client || ids.length === 0) return;
    await Promise.all(
      ids.map(async (id) => {
        const profile = await client.profiles.get(id).catch(() => null);
        this.names.set(id, profile?.fullName ?? null);
      }),
    );
    this.host.requestUpdate();
  }
}

/** The reports worth showing: what was settled, what could not be (yet), and what was set aside. */
export function shownReports(reports: readonly RecoveryReport[]): RecoveryReport[] {
  return reports.filter((r) => r.status === 'settled' || r.status === 'failed' || r.status === 'quarantined');
}

/**
 * The list of what recovery did, in the cashier's words from the catalogue (never the rules'
 * English `reason`): whose redemption, what amount, what became of it; the name isolated.
 */
export function renderRecovery(
  recovery: Pick<PanelRecovery, 'shown' | 'names'>,
  m: RedemptionPanelMessages,
  unnamed: string,
  money: (cents: number) => string,
  onDismiss: () => void,
) {
  const reports = recovery.shown;
  if (reports.length === 0) return nothing;
  return html`<section part="recovery" aria-labelledby="recovery-heading">
    <h3 id="recovery-heading" part="recovery-heading">${m.recoveredHeading}</h3>
    <ul part="recovery-list">
      ${reports.map((r) => {
        const name = recovery.names.get(r.entry.profileId) ?? unnamed;
        const amount = money(r.entry.redemption?.totalCents ?? r.entry.amountCents ?? 0);
        const [kind, text] =
          r.status === 'settled' ? [r.outcome, m.recoveredItem(OUTSIDE_TEXT, amount, r.outcome)]
          : r.status === 'quarantined' ? ['quarantined', m.recoveryQuarantined(OUTSIDE_TEXT)]
          : ['failed', m.recoveryFailed(OUTSIDE_TEXT, amount)];
        return html`<li part="recovery-item ${kind}" class="holds-outside">${sentenceWith(text, name)}</li>`;
      })}
    </ul>
    <button part="dismiss-button" @click=${onDismiss}>${m.dismissRecovery}</button>
  </section>`;
}
