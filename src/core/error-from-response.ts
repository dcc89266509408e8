import { redactHeaders, redactSecret } from '../internal/redact';
import { statusLine } from '../internal/status-text';
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
  /** Masked wherever it appears in the body, in case something echoed it back. */
  secret?: string | undefined;
}

const MAX_RAW_BODY = 2_000;

/**
 * Turns a non-2xx answer into the matching ApiError subclass. Never throws: an empty,
 * HTML or truncated body still gives the right class, only without `code`.
 */
export function errorFromResponse(failed: FailedResponse): ApiError {
  const envelope = readEnvelope(failed.body);
  const requestId = failed.headers.get('x-request-id') ?? undefined;
  const serverMessage = envelope.message && redactSecret(envelope.message, failed.secret);
  const init: ApiErrorInit = {
    message: composeMessage(failed, requestId, envelope.code, serverMessage, envelope.details),
    status: failed.status,
    code: envelope.code,
    details: envelope.details,
    meta: envelope.meta,
    requestId,
    headers: redactHeaders(failed.headers),
    method: failed.method,
    path: failed.path,
    body: sanitiseBody(failed.body, failed.secret),
    retryAfterMs: failed.retryAfterMs,
  };
  return new (errorClassFor(failed.status))(init);
}

function errorClassFor(status: number): new (init: ApiErrorInit) => ApiError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 422:
      return UnprocessableEntityError;
    case 429:
      return RateLimitError;
    default:
      return status >= 500 ? ServerError : ApiError;
  }
}

interface EnvelopeParts {
  code: string | undefined;
  message: string | undefined;
  details: ErrorDetail[];
  meta: ResponseMeta | undefined;
}

function readEnvelope(body: unknown): EnvelopeParts {
  const root = isRecord(body) ? body : {};
  const error = isRecord(root['error']) ? root['error'] : {};
  const code = typeof error['code'] === 'string' ? error['code'] : undefined;
  const message = typeof error['message'] === 'string' ? error['message'] : undefined;
  const rawDetails = Array.isArray(error['details']) ? error['details'] : [];
  const details = rawDetails.filter(
    (d): d is ErrorDetail =>
      isRecord(d) && typeof d['field'] === 'string' && typeof d['message'] === 'string',
  );
  const meta = isRecord(root['meta']) ? (root['meta'] as ResponseMeta) : undefined;
  return { code, message, details, meta };
}

function composeMessage(
  failed: FailedResponse,
  requestId: string | undefined,
  code: string | undefined,
  serverMessage: string | undefined,
  details: ErrorDetail[],
): string {
  const head =
    `${failed.method} ${failed.path} returned ${statusLine(failed.status, failed.statusText)}` +
    (requestId ? ` (request ${requestId})` : '');
  const said = serverMessage ? `: ${sentence(serverMessage)}` : '.';
  const fields = details.length
    ? ` ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}.`
    : '';
  const notJson =
    failed.body !== undefined && typeof failed.body === 'string'
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
  if (status === 429) {
    return retryAfterMs === undefined
      ? 'Lower the request rate and retry later.'
      : `Retry after ${new Date(Date.now() + retryAfterMs).toISOString()} ` +
          `(in ${Math.ceil(retryAfterMs / 1000)}s) or lower the request rate.`;
  }
  if (status >= 500) return 'The service failed to answer; retry later.';
  if (status >= 400) return 'Check the request parameters.';
  return '';
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function sanitiseBody(body: unknown, secret: string | undefined): unknown {
  if (typeof body === 'string') return redactSecret(body, secret).slice(0, MAX_RAW_BODY);
  if (body === undefined || !secret) return body;
  const text = JSON.stringify(body);
  return text.includes(secret) ? JSON.parse(redactSecret(text, secret)) : body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
