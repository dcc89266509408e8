/** Retries after the first attempt when the caller does not say otherwise. */
export const DEFAULT_MAX_RETRIES = 2;
/** The most retries a caller may ask for; more only multiplies load on a struggling API. */
export const MAX_RETRIES_LIMIT = 10;
/** First backoff step; doubles per retry. */
export const BACKOFF_BASE_MS = 500;
/** Backoff never grows past this, however many retries are allowed. */
export const BACKOFF_CAP_MS = 8_000;

/** Why an attempt failed, as far as the retry decision cares. */
export type AttemptFailure = { kind: 'status'; status: number } | { kind: 'network' };

// Methods whose repetition cannot do anything twice. POST joins them only with an
// Idempotency-Key, because then the API replays the first answer instead of acting again.
const SAFE_TO_REPEAT = new Set(['GET', 'HEAD', 'OPTIONS', 'PATCH', 'PUT', 'DELETE']);

/**
 * Whether a failed attempt may be sent again. 429 always: the API refused the
 * request without processing it. 5xx, 408 and network failures only when
 * repeating cannot duplicate an effect.
 */
export function isRetryable(
  method: string,
  failure: AttemptFailure,
  hasIdempotencyKey: boolean,
): boolean {
  if (failure.kind === 'status' && failure.status === 429) return true;
  const transient = failure.kind === 'network' || failure.status === 408 || failure.status >= 500;
  if (!transient) return false;
  return SAFE_TO_REPEAT.has(method) || (method === 'POST' && hasIdempotencyKey);
}

/**
 * Jittered exponential backoff for retry number `retry` (1 for the first retry):
 * a random point in the upper half of base * 2^(retry-1), capped. The floor of half
 * keeps retries from collapsing to zero; the jitter spreads clients that failed together.
 */
export function backoffDelayMs(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
