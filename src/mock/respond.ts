import type { ErrorDetail } from './api-error';
import type { ProviderHealth } from './faults';
import { isLoopbackOrigin } from './loopback';
import type { RateLimitDecision } from './rate-limit';

/** `meta` as every answer carries it. */
export interface ResponseMeta {
  persistence: 'synced' | 'stale' | 'unavailable';
  provider: ProviderHealth;
}

/** Per-request facts every response repeats in its headers. */
export interface ResponseContext {
  requestId: string;
  nowMs: number;
  rate: RateLimitDecision | undefined;
  meta: ResponseMeta;
  origin: string | null;
}

/** Headers a browser script may read on a cross-origin answer. */
export const EXPOSED_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Retry-After',
  'X-Request-Id',
  'Date',
].join(', ');

let cachedSecond = Number.NaN;
let cachedDate = '';

// toUTCString is among the costlier calls on the hot path and changes once a
// second, so the last value is kept.
const httpDate = (nowMs: number): string => {
  const second = Math.floor(nowMs / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedDate = new Date(second * 1000).toUTCString();
  }
  return cachedDate;
};

/** The headers every answer carries: request id, Date, rate limit and CORS. */
export function baseHeaders(context: ResponseContext): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Request-Id': context.requestId,
    Date: httpDate(context.nowMs),
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
  };
  if (context.origin !== null) {
    headers['Vary'] = 'Origin';
    // Echoing the origin with credentials is what lets a page send its
    // session cookie and read the answer. Only pages on this machine get it:
    // any other site would read whatever the session can, new API keys
    // included. Other origins get "*", which serves API keys but no cookie.
    if (isLoopbackOrigin(context.origin)) {
      headers['Access-Control-Allow-Origin'] = context.origin;
      headers['Access-Control-Allow-Credentials'] = 'true';
    }
  }
  if (context.rate) {
    headers['X-RateLimit-Limit'] = String(context.rate.limit);
    headers['X-RateLimit-Remaining'] = String(context.rate.remaining);
    headers['X-RateLimit-Reset'] = String(context.rate.resetSeconds);
  }
  return headers;
}

/** A JSON answer with the base headers. */
export function jsonResponse(
  status: number,
  body: unknown,
  context: ResponseContext,
  extraHeaders?: Record<string, string>,
): Response {
  const headers = baseHeaders(context);
  headers['Content-Type'] = 'application/json';
  if (extraHeaders) Object.assign(headers, extraHeaders);
  return new Response(JSON.stringify(body), { status, headers });
}

/** The error envelope as a response. */
export function errorResponse(
  context: ResponseContext,
  status: number,
  code: string,
  message: string,
  details?: ErrorDetail[],
  extraHeaders?: Record<string, string>,
): Response {
  const error: Record<string, unknown> = { code, message };
  if (details && details.length > 0) error['details'] = details;
  return jsonResponse(status, { error, meta: context.meta }, context, extraHeaders);
}
