import type { components } from '../generated/types';
import { retryDate } from './retry-after';

/** An error code from the API's error envelope; unknown future codes stay assignable. */
export type ErrorCode = components['schemas']['ErrorCode'] | (string & {});
/** One field-level problem of a 422 `validation_failed` answer. */
export type ErrorDetail = components['schemas']['ErrorDetail'];
/** The `meta` block every answer carries, error answers included. */
export type ResponseMeta = components['schemas']['Meta'];

/** Base class of every error the SDK throws on purpose. */
export class PuchifyError extends Error {
  static {
    // On the prototype, not the instance, so the stack trace header (captured in
    // the Error constructor, before subclass fields exist) already shows the name.
    this.prototype.name = 'PuchifyError';
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** What `errorFromResponse` learns from a failed answer; one object keeps call sites legible. */
export interface ApiErrorInit {
  message: string;
  status: number;
  code: ErrorCode | undefined;
  details: ErrorDetail[];
  meta?: ResponseMeta | undefined;
  requestId?: string | undefined;
  headers: Record<string, string>;
  method: string;
  path: string;
  body?: unknown;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/** The API answered with a status other than 2xx. */
export class ApiError extends PuchifyError {
  static {
    this.prototype.name = 'ApiError';
  }
  /** HTTP status of the answer. */
  declare readonly status: number;
  /** `error.code` of the envelope; undefined when the body was not the envelope (an HTML page). */
  declare readonly code: ErrorCode | undefined;
  /** Field-level problems (`error.details`); empty when the API sent none. */
  declare readonly details: ErrorDetail[];
  /** The envelope's `meta`, telling whether the provider or persistence was degraded. */
  declare readonly meta: ResponseMeta | undefined;
  /** `X-Request-Id` of the answer; quote it when contacting support. */
  declare readonly requestId: string | undefined;
  /** Response headers, credentials redacted. */
  declare readonly headers: Record<string, string>;
  /** HTTP method of the request, e.g. `GET`. */
  declare readonly method: string;
  /** Path of the request without query, e.g. `/api/v1/servers/svr_42`. */
  declare readonly path: string;
  /** Parsed JSON body, or the raw text (at most 2,000 characters) when it was not JSON. */
  declare readonly body: unknown;

  constructor(init: ApiErrorInit) {
    const { message, cause, retryAfterMs, ...fields } = init;
    super(message, { cause });
    // The fields above are declared, not defined, so this is their only assignment.
    Object.assign(this, fields);
  }

  /**
   * A plain summary for structured logs: every field but the headers and the body,
   * which can be large; subclasses' fields (`retryAfterMs`, ...) come along.
   */
  toJSON(): Record<string, unknown> {
    const { headers, body, ...fields } = this;
    return { ...fields, name: this.name, message: this.message };
  }
}

/** 400: the request was malformed. */
export class BadRequestError extends ApiError {
  static {
    this.prototype.name = 'BadRequestError';
  }
}

/**
 * 422: the request was well-formed but refused (`validation_failed`,
 * `quota_exceeded`, `idempotency_key_reused`). A BadRequestError, so one catch covers both.
 */
export class UnprocessableEntityError extends BadRequestError {
  static {
    this.prototype.name = 'UnprocessableEntityError';
  }
}

/** 401: the API key is missing, malformed or revoked. */
export class AuthenticationError extends ApiError {
  static {
    this.prototype.name = 'AuthenticationError';
  }
}

/** 403: the API key may not do this. */
export class PermissionDeniedError extends ApiError {
  static {
    this.prototype.name = 'PermissionDeniedError';
  }
}

/** 404: no such resource or route. */
export class NotFoundError extends ApiError {
  static {
    this.prototype.name = 'NotFoundError';
  }
}

/** 409: the resource's current status does not allow the action. */
export class ConflictError extends ApiError {
  static {
    this.prototype.name = 'ConflictError';
  }
}

/** 429: rate limited; `retryAfterMs` and `retryAt` say when a retry may succeed. */
export class RateLimitError extends ApiError {
  static {
    this.prototype.name = 'RateLimitError';
  }
  /** How long to wait before retrying, when the answer said so. */
  declare readonly retryAfterMs: number | undefined;
  /** The moment a retry may succeed (local clock), when known. */
  declare readonly retryAt: Date | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
    this.retryAt = init.retryAfterMs === undefined ? undefined : retryDate(init.retryAfterMs);
  }
}

/** 5xx: the service failed; safe requests were already retried. */
export class ServerError extends ApiError {
  static {
    this.prototype.name = 'ServerError';
  }
  /** The Retry-After the service sent, when it sent one. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** The request never got an answer: DNS, refused connection, reset, TLS. */
export class ConnectionError extends PuchifyError {
  static {
    this.prototype.name = 'ConnectionError';
  }
  declare readonly method: string;
  declare readonly path: string;

  constructor(method: string, path: string, cause: unknown) {
    // The innermost cause says most: undici's "fetch failed" wraps "connect ECONNREFUSED".
    let inner = cause;
    while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
    const reason = inner instanceof Error && inner.message ? ` (${inner.message})` : '';
    super(
      `${method} ${path}: the connection failed${reason}. ` +
        'Check the network and the baseUrl option.',
      { cause },
    );
    Object.assign(this, { method, path });
  }
}

/** The call, retries included, ran past its `timeout`. */
export class TimeoutError extends PuchifyError {
  static {
    this.prototype.name = 'TimeoutError';
  }
  declare readonly method: string;
  declare readonly path: string;
  declare readonly timeoutMs: number;

  constructor(method: string, path: string, timeoutMs: number, cause?: unknown) {
    super(
      `${method} ${path} did not finish within ${timeoutMs}ms, retries included. ` +
        'Raise the timeout option or retry later.',
      { cause },
    );
    Object.assign(this, { method, path, timeoutMs });
  }
}

/** The caller's AbortSignal ended the call. */
export class RequestAbortedError extends PuchifyError {
  static {
    this.prototype.name = 'RequestAbortedError';
  }
  declare readonly method: string;
  declare readonly path: string;

  constructor(method: string, path: string, cause?: unknown) {
    super(`${method} ${path} was aborted by its signal.`, { cause });
    Object.assign(this, { method, path });
  }
}

/** `waitFor` ran out of time before the resource reached the target status. */
export class WaitTimeoutError<T = unknown> extends PuchifyError {
  static {
    this.prototype.name = 'WaitTimeoutError';
  }
  declare readonly resourceId: string;
  declare readonly target: string;
  declare readonly timeoutMs: number;
  /** The last resource read, if any read succeeded. */
  declare readonly resource: T | undefined;

  constructor(
    resourceId: string,
    target: string,
    timeoutMs: number,
    resource: T | undefined,
    cause?: unknown,
  ) {
    const last = statusOf(resource);
    super(
      `${resourceId} did not reach status "${target}" within ${timeoutMs}ms` +
        `${last ? `; it is still "${last}"` : ''}. Raise timeoutMs or check it later.`,
      { cause },
    );
    Object.assign(this, { resourceId, target, timeoutMs, resource });
  }
}

/** The resource reached a status it cannot leave towards the target (`failed`, `deleted`, ...). */
export class ResourceFailedError<T = unknown> extends PuchifyError {
  static {
    this.prototype.name = 'ResourceFailedError';
  }
  declare readonly resourceId: string;
  declare readonly target: string;
  declare readonly status: string;
  /** The resource as last read, in its failed status. */
  declare readonly resource: T;

  constructor(resourceId: string, target: string, status: string, resource: T, cause?: unknown) {
    super(
      `${resourceId} reached status "${status}" while waiting for "${target}"; ` +
        'it will not get there. Inspect the resource and its events, then create a new one.',
      { cause },
    );
    Object.assign(this, { resourceId, target, status, resource });
  }
}

function statusOf(resource: unknown): string | undefined {
  if (typeof resource !== 'object' || resource === null) return undefined;
  const status = (resource as { status?: unknown }).status;
  return typeof status === 'string' ? status : undefined;
}
