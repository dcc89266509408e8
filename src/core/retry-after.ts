/**
 * Delay hints in a response, read the way the API means them. All results are in
 * milliseconds from the moment the response was received, or undefined when the
 * hint is missing or unusable (so the caller falls back to its own backoff).
 */

const DIGITS = /^\s*\d+(\.\d+)?\s*$/;
// Longest delay a hint is taken at. A header asking for more (1e20 seconds, say) is
// read as a year: still far past any maxRetryDelay, so the call fails with a
// RateLimitError, and every date derived from it stays printable.
const MAX_HINT_MS = 366 * 86_400_000;
// The last moment a JavaScript Date can hold.
const MAX_DATE_MS = 8.64e15;

/** The moment `delayMs` after `nowMs`, valid for any input (NaN and Infinity included). */
export function retryDate(delayMs: number, nowMs = Date.now()): Date {
  return new Date(Math.min(nowMs + Math.max(0, delayMs || 0), MAX_DATE_MS));
}

/**
 * `Retry-After` as delay-seconds or an HTTP-date. A date is measured against the
 * response's own `Date` header, so a skewed local clock does not stretch or shrink it.
 */
export function parseRetryAfter(headers: Headers, nowMs: number): number | undefined {
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  if (DIGITS.test(raw)) return positiveOrUndefined(Math.ceil(Number(raw) * 1000));
  // A bare negative or fractional-looking number is garbage, not a date; Date.parse
  // would otherwise read "-5" as a year.
  if (/^\s*[-+]?[\d.]+\s*$/.test(raw)) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  // A date can land at or before "now" when clocks disagree. Anything at or below
  // zero falls back to our own backoff instead of retrying at once.
  return positiveOrUndefined(at - serverNow(headers.get('date'), nowMs));
}

/**
 * `X-RateLimit-Reset` (Unix seconds) as a delay from the response's `Date`. Without
 * a Date header (browsers hide it on cross-origin answers) the local clock stands in.
 */
export function parseRateLimitReset(headers: Headers, nowMs: number): number | undefined {
  return rateLimitResetDelay(headers.get('x-ratelimit-reset'), headers.get('date'), nowMs);
}

/** `parseRateLimitReset` on raw header values, for callers that keep them for later. */
export function rateLimitResetDelay(
  reset: string | null,
  date: string | null,
  nowMs: number,
): number | undefined {
  if (reset === null || !DIGITS.test(reset)) return undefined;
  return positiveOrUndefined(Math.ceil(Number(reset) * 1000 - serverNow(date, nowMs)));
}

/**
 * The delay a response asks for before the next attempt. Retry-After wins; the
 * rate-limit window only matters for 429, since every answer carries it and a 503
 * has nothing to do with the window.
 */
export function serverRetryDelay(
  status: number,
  headers: Headers,
  nowMs: number,
): number | undefined {
  const retryAfter = parseRetryAfter(headers, nowMs);
  if (retryAfter !== undefined) return retryAfter;
  return status === 429 ? parseRateLimitReset(headers, nowMs) : undefined;
}

function serverNow(date: string | null, nowMs: number): number {
  const parsed = date === null ? Number.NaN : Date.parse(date);
  return Number.isNaN(parsed) ? nowMs : parsed;
}

function positiveOrUndefined(ms: number): number | undefined {
  return ms > 0 ? Math.min(ms, MAX_HINT_MS) : undefined;
}
