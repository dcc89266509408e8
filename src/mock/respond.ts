import type { ErrorDetail } from './api-error';
import type { ProviderHealth } from './faults';
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
    'Access-Control-Allow-Origin': context.origin ?? '*',
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
  };
  if (context.origin) {
    // Echoing the origin (instead of "*") is what lets a page send its session
    // cookie cross-origin.
    headers['Access-Control-Allow-Credentials'] = 'true';
    headers['Vary'] = 'Origin';
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
