/**
 * The kit's error taxonomy. Every failure the client reports is an {@link OmneoError} with a
 * stable `code` that the elements map to a readable message. No error, message or property
 * ever carries the bearer token: messages are built from the method, the path and the
 * server's own `message`, never from request headers.
 */

/** Stable, machine-readable error codes. */
export type OmneoErrorCode =
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'unauthorized'
  | 'not_found'
  | 'validation'
  | 'rate_limited'
  | 'server'
  | 'http'
  | 'unexpected_response'
  | 'invalid_input';

/** Options shared by every error. */
export interface OmneoErrorOptions {
  status?: number;
  /** `METHOD /path` of the request, without the base URL or the query. */
  request?: string;
  cause?: unknown;
}

/**
 * The base class of every error the kit throws. Each subclass narrows `code` to its one literal,
 * so a caught error narrows by `code` once typed as {@link AnyOmneoError}.
 */
export class OmneoError extends Error {
  override name = 'OmneoError';
  /** A stable code: switch on this, never on the message. */
  readonly code: OmneoErrorCode;
  /** The HTTP status, where the server answered. */
  readonly status: number | undefined;
  /** `METHOD /path` of the request that failed, if any. */
  readonly request: string | undefined;
  /** Whether repeating the same *read* may succeed. Writes are never repeated blindly. */
  readonly retryable: boolean;

  constructor(code: OmneoErrorCode, message: string, retryable: boolean, options: OmneoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.request = options.request;
    this.retryable = retryable;
  }
}

/**
 * The request may not have reached Omneo, or its answer was lost on the way back. For a write,
 * the outcome is unknown: look it up before doing it again.
 */
export class OmneoNetworkError extends OmneoError {
  override name = 'OmneoNetworkError';
  // Type only (no field is emitted): the literal that makes `code` a discriminant.
  declare readonly code: 'network';
  constructor(message: string, options: OmneoErrorOptions = {}) {
    super('network', message, true, options);
  }
}

/** No answer within the transport's time limit. Like a network error, a write's outcome is unknown. */
export class OmneoTimeoutError extends OmneoError {
  override name = 'OmneoTimeoutError';
  declare readonly code: 'timeout';
  constructor(message: string, options: OmneoErrorOptions = {}) {
    super('timeout', message, true, options);
  }
}

/** The caller aborted the request through its `AbortSignal`. */
export class OmneoAbortError extends OmneoError {
  override name = 'OmneoAbortError';
  declare readonly code: 'aborted';
  constructor(message = 'The request was aborted.', options: OmneoErrorOptions = {}) {
    super('aborted', message, false, options);
  }
}

/** 401 or 403: the host's token is missing, expired (after one refresh) or lacks the scope. */
export class OmneoUnauthorizedError extends OmneoError {
  override name = 'OmneoUnauthorizedError';
  declare readonly code: 'unauthorized';
  constructor(message: string, options: OmneoErrorOptions = {}) {
    super('unauthorized', message, false, options);
  }
}

/** 404: the profile, benefit, redemption or staff member does not exist. */
export class OmneoNotFoundError extends OmneoError {
  override name = 'OmneoNotFoundError';
  declare readonly code: 'not_found';
  constructor(message: string, options: OmneoErrorOptions = {}) {
    super('not_found', message, false, options);
  }
}

/** 422: Omneo refused the input. `fieldErrors` holds its per-field messages. */
export class OmneoValidationError extends OmneoError {
  override name = 'OmneoValidationError';
  declare readonly code: 'validation';
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
  constructor(message: string, fieldErrors: Record<string, string[]>, options: OmneoErrorOptions = {}) {
    super('validation', message, false, options);
    this.fieldErrors = fieldErrors;
  }
}

/** 429: too many requests. `retryAfterMs` is the server's `Retry-After`, when it sent one. */
export class OmneoRateLimitError extends OmneoError {
  override name = 'OmneoRateLimitError';
  declare readonly code: 'rate_limited';
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs: number | undefined, options: OmneoErrorOptions = {}) {
    super('rate_limited', message, true, options);
    this.retryAfterMs = retryAfterMs;
  }
}

/** 5xx: Omneo (or a proxy in front of it) failed. */
export class OmneoServerError extends OmneoError {
  override name = 'OmneoServerError';
  declare readonly code: 'server';
  constructor(message: string, options: OmneoErrorOptions = {}) {
    super('server', message, true, options);
  }
}

/** Any other 4xx (400, 405, 409, ...). */
export class OmneoHttpError extends OmneoError {
  override name = 'OmneoHttpError';
  declare readonly code: 'http';
  constructor(message: string, options: OmneoErrorOptions = {}) {
    super('http', message, false, options);
  }
}

/** One problem found in a response body. `path` locates it inside the body. */
export interface ResponseIssue {
  path: readonly (string | number)[];
  message: string;
}

/**
 * The request worked but the body is not what Omneo promises: not JSON (an HTML page from a
 * proxy, say), or JSON that fails its schema (a missing id, negative money, a wrong type).
 */
export class OmneoUnexpectedResponseError extends OmneoError {
  override name = 'OmneoUnexpectedResponseError';
  declare readonly code: 'unexpected_response';
  readonly issues: readonly ResponseIssue[];
  constructor(message: string, issues: ResponseIssue[], options: OmneoErrorOptions = {}) {
    super('unexpected_response', message, false, options);
    this.issues = issues;
  }
}

/** The caller passed something the kit will not send (money that is not whole cents, say). */
export class OmneoInputError extends OmneoError {
  override name = 'OmneoInputError';
  declare readonly code: 'invalid_input';
  constructor(message: string) {
    super('invalid_input', message, false);
  }
}

/**
 * Every error the kit reports, discriminated by `code`: `switch (error.code)` narrows to the
 * class, so `case 'validation':` reads `error.fieldErrors` and `case 'rate_limited':`
 * `error.retryAfterMs`. A failure that did not come from the client (a defect in the kit) is
 * reported as an `OmneoUnexpectedResponseError` whose one issue is its message.
 */
export type AnyOmneoError =
  | OmneoNetworkError
  | OmneoTimeoutError
  | OmneoAbortError
  | OmneoUnauthorizedError
  | OmneoNotFoundError
  | OmneoValidationError
  | OmneoRateLimitError
  | OmneoServerError
  | OmneoHttpError
  | OmneoUnexpectedResponseError
  | OmneoInputError;

/**
 * Whether a write that failed this way may nonetheless have been applied by Omneo: the
 * connection dropped or timed out after the request went out, a gateway answered 5xx for an
 * upstream that may have finished, or the answer came back unreadable. Look before repeating.
 */
export function isOutcomeUnknown(
  error: unknown,
): error is OmneoNetworkError | OmneoTimeoutError | OmneoServerError | OmneoUnexpectedResponseError {
  return (
    error instanceof OmneoNetworkError ||
    error instanceof OmneoTimeoutError ||
    error instanceof OmneoServerError ||
    error instanceof OmneoUnexpectedResponseError
  );
}
