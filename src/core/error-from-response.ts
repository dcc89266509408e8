import { redactHeaders, redactJson, redactSecret, sanitize } from '../internal/redact';
import { requestNote, statusLine } from '../internal/status-text';
import { retryDate } from './retry-after';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  UnprocessableEntityError,
  type ApiErrorInit,
  type ErrorDetail,
  type ResponseMeta,
} from './errors';

/** Everything known about a failed answer once its body has been read. */
export interface FailedResponse {
  method: string;
  path: string;
  status: number;
  statusText?: string;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body was not JSON, or undefined when empty. */
  body: unknown;
  /** The delay the answer asked for, already parsed from its headers. */
  retryAfterMs?: number | undefined;
  /** Masked in every message and property, in case something echoed it back. */
  secret?: string | undefined;
  /**
   * For a 2xx answer the SDK cannot use: what is wrong with it, completing
   * "returned 200 OK with ...", e.g. `a body that is not JSON (text/html)`.
   */
  problem?: string | undefined;
  cause?: unknown;
}

/** Longest raw (non-JSON) body kept on an error. */
export const MAX_RAW_BODY = 2_000;

/**
 * Turns a non-2xx answer, or a 2xx one the SDK cannot use, into the matching
 * ApiError subclass. Never throws: an empty, HTML or truncated body still gives the
 * right class, only without `code`.
 */
export function errorFromResponse(failed: FailedResponse): ApiError {
  const { secret } = failed;
  // Everything read from the answer is scrubbed once, here, before any of it is
  // composed into the message or kept as a property.
  const body = typeof failed.body === 'string' ? failed.body.slice(0, MAX_RAW_BODY) : failed.body;
  const envelope = readEnvelope(redactJson(body, secret));
  const requestId = failed.headers.get('x-request-id') ?? undefined;
  const init: ApiErrorInit = {
    message: redactSecret(composeMessage(failed, requestId, envelope), secret),
    status: failed.status,
    code: envelope.code,
    details: envelope.details,
    meta: envelope.meta,
    requestId: requestId && redactSecret(requestId, secret),
    headers: redactHeaders(failed.headers, secret),
    method: failed.method,
    path: failed.path,
    body: envelope.body,
    retryAfterMs: failed.retryAfterMs,
    cause: failed.cause === undefined ? undefined : sanitize(failed.cause, secret),
  };
  return new (errorClassFor(failed.status))(init);
}

// The subclass for each status the API documents; other 5xx are ServerErrors.
const ERROR_CLASSES: Record<number, new (init: ApiErrorInit) => ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

function errorClassFor(status: number): new (init: ApiErrorInit) => ApiError {
  return ERROR_CLASSES[status] ?? (status >= 500 ? ServerError : ApiError);
}

interface EnvelopeParts {
  body: unknown;
  code: string | undefined;
  message: string | undefined;
  details: ErrorDetail[];
  meta: ResponseMeta | undefined;
}

function readEnvelope(body: unknown): EnvelopeParts {
  const root = isRecord(body) ? body : {};
  const error = isRecord(root['error']) ? root['error'] : {};
  const code = stringOr(error['code']);
  const message = stringOr(error['message']);
  const rawDetails = Array.isArray(error['details']) ? error['details'] : [];
  const details = rawDetails.filter(
    (d): d is ErrorDetail =>
      isRecord(d) && typeof d['field'] === 'string' && typeof d['message'] === 'string',
  );
  const meta = isRecord(root['meta']) ? (root['meta'] as ResponseMeta) : undefined;
  return { body, code, message, details, meta };
}

function composeMessage(
  failed: FailedResponse,
  requestId: string | undefined,
  { code, message: serverMessage, details }: EnvelopeParts,
): string {
  const head =
    `${failed.method} ${failed.path} returned ${statusLine(failed.status, failed.statusText)}` +
    requestNote(requestId);
  const said = failed.problem
    ? ` with ${failed.problem}.`
    : serverMessage
      ? `: ${sentence(serverMessage)}`
      : '.';
  const fields = details.length
    ? ` ${sentence(details.map((d) => `${d.field}: ${d.message}`).join('; '))}`
    : '';
  const notJson =
    typeof failed.body === 'string' && !failed.problem
      ? ' The body was not JSON, so it likely came from a proxy in front of the API.'
      : '';
  const hint = hintFor(failed.status, code, failed.retryAfterMs);
  return `${head}${said}${fields}${notJson}${hint ? ` ${hint}` : ''}`;
}

function hintFor(status: number, code: string | undefined, retryAfterMs?: number): string {
  if (code?.endsWith('_not_found') && code !== 'route_not_found') {
    return `Check the ${code.slice(0, -'_not_found'.length).replace(/_/g, ' ')} id.`;
  }
  switch (code) {
    case 'route_not_found':
      return 'Check the baseUrl option and the path.';
    case 'invalid_state_transition':
      return 'Get the resource and wait for a status that allows this action.';
    case 'quota_exceeded':
      return 'Delete resources you no longer need or ask for a higher quota.';
    case 'idempotency_key_reused':
      return 'Send a different body with a new Idempotency-Key.';
    case 'validation_failed':
      return 'Fix the fields listed in details and send the request again.';
  }
  return hintForStatus(status, retryAfterMs);
}

function hintForStatus(status: number, retryAfterMs?: number): string {
  if (status === 401) return 'Check the API key (the apiKey option or PUCHIFY_API_KEY).';
  if (status === 403) return 'Use an API key that is allowed to do this.';
  if (status === 404) return 'Check the id and the baseUrl option.';
  if (status === 429) return retryAdvice(retryAfterMs);
  if (status >= 500) return 'The service failed to answer; retry later.';
  if (status >= 400) return 'Check the request parameters.';
  return status < 300 ? 'Check that the baseUrl option points at the Puchify API.' : '';
}

/** When to retry after a 429, as a sentence; any delay gives a valid date. */
export function retryAdvice(retryAfterMs: number | undefined): string {
  return retryAfterMs === undefined
    ? 'Lower the request rate and retry later.'
    : `Retry after ${retryDate(retryAfterMs).toISOString()} ` +
        `(in ${Math.ceil(retryAfterMs / 1000)}s) or lower the request rate.`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
