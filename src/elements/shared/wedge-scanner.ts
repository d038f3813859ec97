import type { ReactiveController, ReactiveControllerHost } from 'lit';
/**
 * Keyboard-wedge scanners type a card number as a burst of keys far faster than a person, then
 * press Enter (or Tab). {@link WedgeScanDetector} tells such a burst from typing by the gaps
 * between keys; it is fed `keydown` events and holds no DOM references.
 */

export interface WedgeScanOptions {
  /** The longest gap between two keys of one burst, in ms. Default 30. */
  maxGapMs?: number;
  /** The fewest characters a burst needs to count as a scan. Default 6. */
  minLength?: number;
}

/** The parts of a `KeyboardEvent` the detector reads. */
export type ScanKey = Pick<KeyboardEvent, 'key' | 'timeStamp' | 'ctrlKey' | 'altKey' | 'metaKey'>;

export class WedgeScanDetector {
  maxGapMs: number;
  minLength: number;
  private buffer = '';
  private lastAt = -Infinity;

  constructor(options: WedgeScanOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 30;
    this.minLength = options.minLength ?? 6;
  }

  /**
   * Feeds one `keydown`. Returns the scanned code when this key (Enter or Tab) ends a burst,
   * else `null`. A key that comes too late after the previous one starts a new burst.
   */
  push(event: ScanKey): string | null {
    const late = event.timeStamp - this.lastAt > this.maxGapMs;
    if (event.key === 'Enter' || event.key === 'Tab') {
      const code = !late && this.buffer.length >= this.minLength ? this.buffer : null;
      this.reset();
      return code;
    }
    // Shift and other named keys come between a scanner's keys: they neither add nor reset.
    if (event.key.length !== 1) return null;
    // A shortcut (Ctrl+V, say) is a person at the keyboard.
    if (event.ctrlKey || event.altKey || event.metaKey) {
      this.reset();
      return null;
    }
    if (late) this.buffer = '';
    this.buffer += event.key;
    this.lastAt = event.timeStamp;
    return null;
  }

  reset(): void {
    this.buffer = '';
    this.lastAt = -Infinity;
  }
}

/**
 * Marks a kit field (the panel's amount, a filter box) whose scanner bursts belong to a lookup
 * with `scan-anywhere`, not to the field: the burst is taken as a scan, and the field is sent
 * {@link SCAN_THROUGH_EVENT} (not bubbling) to take the burst's characters back out.
 */
export const SCAN_THROUGH_ATTRIBUTE = 'data-omneo-scan-through';

/** Sent to a {@link SCAN_THROUGH_ATTRIBUTE} field after its burst was taken as a scan; `detail` is the code. */
export const SCAN_THROUGH_EVENT = 'omneo-scan-through';

/** Whether the event started in a kit field that lets scans through to a lookup. */
function scanThroughField(event: Event): HTMLElement | null {
  const origin = event.composedPath()[0];
  return origin instanceof HTMLElement && origin.hasAttribute(SCAN_THROUGH_ATTRIBUTE) ? origin : null;
}

/** Whether the event started in a field that takes text (so a page-wide scan leaves it alone). */
export function isFromEditable(event: Event): boolean {
  const origin = event.composedPath()[0];
  if (!(origin instanceof HTMLElement)) return false;
  if (origin.isContentEditable) return true;
  if (origin instanceof HTMLTextAreaElement || origin instanceof HTMLSelectElement) return true;
  if (origin instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(origin.type);
  }
  return false;
}

/** Where scans are taken from, and how a burst is told from typing. */
export interface WedgeScanConfig extends Required<WedgeScanOptions> {
  /** Also take bursts typed while focus is elsewhere on the page (outside text fields). */
  anywhere: boolean;
}

/**
 * Watches the host (and, when `anywhere`, the whole page) for scanner bursts and calls
 * `onScan` with each code. The keys of a burst's end never reach the host's own handlers:
 * the host is listened to in the capture phase, before its shadow content sees the key.
 * The page listener exists only while the host is connected.
 */
export class WedgeScanController implements ReactiveController {
  private readonly inside = new WedgeScanDetector();
  private readonly outside = new WedgeScanDetector();
  private anywhere = false;
  private pageDocument: Document | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onScan: (code: string) => void,
  ) {
    host.addController(this);
    host.addEventListener('keydown', this.onHostKeydown, true);
  }

  configure(config: WedgeScanConfig): void {
    for (const detector of [this.inside, this.outside]) {
      detector.maxGapMs = config.maxGapMs;
      detector.minLength = config.minLength;
    }
    this.anywhere = config.anywhere;
    this.listenToPage();
  }

  hostConnected(): void {
    this.listenToPage();
  }

  hostDisconnected(): void {
    this.listenToPage();
  }

  private listenToPage(): void {
    const wanted = this.anywhere && this.host.isConnected ? this.host.ownerDocument : undefined;
    if (wanted === this.pageDocument) return;
    this.pageDocument?.removeEventListener('keydown', this.onPageKeydown, true);
    // Capture, so a scan is seen even where the page stops keydown from bubbling.
    wanted?.addEventListener('keydown', this.onPageKeydown, true);
    this.pageDocument = wanted;
  }

  private readonly onHostKeydown = (event: KeyboardEvent): void => {
    const code = this.inside.push(event);
    if (code === null) return;
    event.preventDefault();
    event.stopPropagation();
    this.onScan(code);
  };

  private readonly onPageKeydown = (event: KeyboardEvent): void => {
    // The host's keys are the host's; another text field's keys are that field's, unless it is
    // a kit field that lets scans through (its burst is a card, not an amount).
    const through = scanThroughField(event);
    if (event.composedPath().includes(this.host) || (isFromEditable(event) && !through)) {
      this.outside.reset();
      return;
    }
    const code = this.outside.push(event);
    if (code === null) return;
    // The burst's Enter must not submit the field's form (a redemption, say).
    event.preventDefault();
    if (through) event.stopPropagation();
    through?.dispatchEvent(new CustomEvent(SCAN_THROUGH_EVENT, { detail: code }));
    this.onScan(code);
  };
}
