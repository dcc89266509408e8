import { parseRateLimitReset } from './retry-after';

/**
 * What one client knows of its rate-limit budget, shared by all its requests. When
 * the budget reaches zero, requests wait for the window to reset instead of each
 * collecting a 429.
 *
 * Every request spends one unit when it leaves, so concurrent requests fired at once
 * do not all go out on the strength of one "remaining: 3" answer.
 */
export class RateLimitGate {
  #remaining: number | undefined;
  #limit: number | undefined;
  #resetAtMs: number | undefined;

  /** Updates the budget from an answer's X-RateLimit-* headers. */
  observe(headers: Headers, nowMs: number): void {
    const remaining = parseCount(headers.get('x-ratelimit-remaining'));
    if (remaining === undefined) return;
    const limit = parseCount(headers.get('x-ratelimit-limit'));
    if (limit !== undefined) this.#limit = limit;
    const resetInMs = parseRateLimitReset(headers, nowMs) ?? 0;
    // Answers of one window arrive out of order; the lowest count is the freshest.
    // A later reset time means a new window, whose count replaces the old one.
    const resetAtMs = nowMs + resetInMs;
    const isNewWindow = this.#resetAtMs === undefined || resetAtMs > this.#resetAtMs + 1_000;
    if (isNewWindow || this.#remaining === undefined) {
      this.#remaining = remaining;
      this.#resetAtMs = resetAtMs;
    } else {
      this.#remaining = Math.min(this.#remaining, remaining);
    }
  }

  /**
   * Takes one unit of budget. Returns 0 when the request may go now, or how many
   * milliseconds until the window resets (the caller waits, then asks again).
   */
  take(nowMs: number): number {
    if (this.#remaining === undefined) return 0;
    if (this.#resetAtMs !== undefined && nowMs >= this.#resetAtMs) {
      // The window has passed: the full limit is back, if we ever learnt it. Its
      // end is unknown until the next answer says.
      this.#remaining = this.#limit;
      this.#resetAtMs = undefined;
      if (this.#remaining === undefined) return 0;
    }
    if (this.#remaining > 0) {
      this.#remaining -= 1;
      return 0;
    }
    // Out of budget but no known reset: let the API decide rather than wait forever.
    return this.#resetAtMs === undefined ? 0 : this.#resetAtMs - nowMs;
  }
}

function parseCount(raw: string | null): number | undefined {
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return undefined;
  return Number(raw);
}
