/**
 * The benefits chosen in an `<omneo-benefit-picker>` under the same session. The picker
 * announces each choice on the session object (an `omneo-benefit-select` event dispatched on
 * it, besides the one in the DOM); this controller listens there while the panel is connected.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Benefit } from '../../client/index.js';
import { OmneoBenefitSelectEvent } from '../events.js';
import type { OmneoSession } from '../session.js';

export class PickedBenefits implements ReactiveController {
  /** The picker's last choice, or `null` before it made one (or after the member changed). */
  benefits: Benefit[] | null = null;
  private source: OmneoSession | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly session: () => OmneoSession | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.follow();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.follow();
  }

  /** The session may arrive (or change) after connection. */
  hostUpdate(): void {
    this.follow();
  }

  /** Forgets the choice (the member changed). */
  clear(): void {
    this.benefits = null;
  }

  private follow(): void {
    const source = this.connected ? this.session() : undefined;
    if (source === this.source) return;
    this.source?.removeEventListener(OmneoBenefitSelectEvent.eventName, this.onSelect);
    this.source = source;
    source?.addEventListener(OmneoBenefitSelectEvent.eventName, this.onSelect);
  }

  private readonly onSelect = (event: Event): void => {
    this.benefits = (event as OmneoBenefitSelectEvent).benefits;
    this.host.requestUpdate();
  };
}
