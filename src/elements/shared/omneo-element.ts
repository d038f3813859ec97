/**
 * The base every kit element extends: the session (through `@lit/context`) with a subscription
 * that lives exactly as long as the element is connected, the client and currency it falls
 * back to, the element's locale and messages (re-rendered when a language is registered), and
 * money formatting.
 */
import { consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OmneoClient } from '../../client/index.js';
import { OmneoError, OmneoUnexpectedResponseError } from '../../client/errors.js';
import { formatMoney, formatNumber, messagesFor, nearestLang, onMessagesRegistered, safeLocale, type Messages } from '../i18n.js';
import { omneoSessionContext, watchForLateSessions, type OmneoSession, type OmneoSessionChange } from '../session.js';

export abstract class OmneoElement extends LitElement {
  /** The Omneo client. Defaults to the provided session's client. */
  @property({ attribute: false }) client?: OmneoClient;

  /** ISO 4217 currency for money. Defaults to the session's, then `AUD`. */
  @property() currency?: string;

  /** `light`, `dark` or `auto` (follows the system). Unset: inherits `--omneo-*` tokens. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto';

  /** The session provided by an ancestor, if any. */
  @consume({ context: omneoSessionContext, subscribe: true })
  @state()
  protected session?: OmneoSession;

  private subscribedTo?: OmneoSession;
  private unsubscribe?: () => void;
  private stopFollowingMessages?: () => void;

  // `lang` is a native attribute: observe it so a change re-renders the text.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    watchForLateSessions(this.ownerDocument);
    super.connectedCallback();
    this.followSession();
    this.stopFollowingMessages = onMessagesRegistered(() => this.requestUpdate());
    // A language may have been registered while it was out of the document.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = undefined;
    this.stopFollowingMessages?.();
    this.stopFollowingMessages = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('session')) this.followSession();
  }

  /** Called for each change of the session the element follows. */
  protected abstract sessionChanged(change: OmneoSessionChange): void;

  private followSession(): void {
    if (this.subscribedTo === this.session || !this.isConnected) return;
    this.unsubscribe?.();
    this.subscribedTo = this.session;
    this.unsubscribe = this.session?.subscribe((change) => this.sessionChanged(change));
  }

  /** The client in use: the element's own, else the session's. */
  protected get activeClient(): OmneoClient | undefined {
    return this.client ?? this.session?.client;
  }

  /** The locale: nearest `lang`, else the session's, else the document's, else `en`. */
  protected get locale(): string {
    return safeLocale(nearestLang(this) ?? this.session?.locale ?? this.ownerDocument.documentElement.lang);
  }

  protected get messages(): Messages {
    return messagesFor(this.locale);
  }

  protected money(cents: number): string {
    return formatMoney(cents, this.currency ?? this.session?.currency ?? 'AUD', this.locale);
  }

  protected number(value: number): string {
    return formatNumber(value, this.locale);
  }

  /** The readable message for a failure, by its code. */
  protected errorMessage(error: OmneoError): string {
    return this.messages.errors[error.code];
  }
}

/** Whether `error` is the abort of a stale or abandoned run: never shown, never reported. */
export function isAbort(error: unknown): boolean {
  return (error instanceof OmneoError && error.code === 'aborted') || (error instanceof DOMException && error.name === 'AbortError');
}

/**
 * The client rejects only with `OmneoError`s; anything else is a defect in the kit or the
 * host's transport. It is still reported, not swallowed, under the closest code.
 */
export function asOmneoError(error: unknown): OmneoError {
  if (error instanceof OmneoError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new OmneoUnexpectedResponseError(`Unexpected failure: ${message}`, [{ path: [], message }], { cause: error });
}
