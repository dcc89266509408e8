import { rateLimitResetDelay } from './retry-after';

/** The rate-limit window an answer described, kept raw until its end is needed. */
interface Window {
  /** X-RateLimit-Reset as sent (Unix seconds); identifies the window. */
  reset: number;
  resetRaw: string | null;
  date: string | null;
  receivedAtMs: number;
  /** Local time the window ends; computed on first need, since most calls never ask. */
  endsAtMs?: number | undefined;
}

// After a window ends, its successor's end is unknown until one of its answers
// arrives. Requests past the budget poll at this pace for that answer, and after
// HOLD_MAX_MS without one go out anyway and let the API decide.
const HOLD_POLL_MS = 50;
const HOLD_MAX_MS = 1_000;

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
  #window: Window | undefined;
  /** Requests sent while no window was known, whose answers may not be counted yet. */
  #unplaced = 0;
  #heldSinceMs: number | undefined;

  /** Updates the budget from an answer's X-RateLimit-* headers. */
  observe(headers: Headers, nowMs: number): void {
    const remaining = parseCount(headers.get('x-ratelimit-remaining'));
    if (remaining === undefined) return;
    const limit = parseCount(headers.get('x-ratelimit-limit'));
    if (limit !== undefined) this.#limit = limit;
    const resetRaw = headers.get('x-ratelimit-reset');
    const reset = resetRaw === null ? 0 : Number(resetRaw) || 0;
    const current = this.#window;
    // Answers of one window arrive out of order; the lowest count is the freshest.
    // A later reset means a new window, whose count replaces the old one; an answer
    // from an earlier window says nothing about the current one.
    if (current === undefined || this.#remaining === undefined) {
      // The first answer of a window counts only the requests the server had seen;
      // every request sent since the window began spends the same budget.
      const left = this.#limit === undefined ? remaining : this.#limit - this.#unplaced;
      this.#remaining = Math.max(0, Math.min(remaining, left));
      this.#startWindow(reset, resetRaw, headers.get('date'), nowMs);
    } else if (reset > current.reset) {
      this.#remaining = remaining;
      this.#startWindow(reset, resetRaw, headers.get('date'), nowMs);
    } else if (reset === current.reset) {
      this.#remaining = Math.min(this.#remaining, remaining);
    }
  }

  /**
   * Takes one unit of budget. Returns 0 when the request may go now, or how many
   * milliseconds until the window resets (the caller waits, then asks again).
   */
  take(nowMs: number): number {
    if (this.#remaining === undefined || this.#remaining > 0) return this.#spend();
    if (this.#window === undefined) return this.#hold(nowMs);
    const endsAtMs = this.#windowEnd() as number;
    if (nowMs < endsAtMs) return endsAtMs - nowMs;
    // The window has passed: the full limit is back, if we ever learnt it. When the
    // new window ends is unknown until the next answer says.
    this.#remaining = this.#limit;
    this.#window = undefined;
    this.#unplaced = 0;
    this.#heldSinceMs = undefined;
    return this.#spend();
  }

  #spend(): number {
    if (this.#remaining !== undefined) this.#remaining -= 1;
    if (this.#window === undefined) this.#unplaced += 1;
    return 0;
  }

  // The new window's budget is spent before any of its answers said when it ends.
  // Those answers are on their way; sending now would only collect refusals.
  #hold(nowMs: number): number {
    this.#heldSinceMs ??= nowMs;
    return nowMs - this.#heldSinceMs < HOLD_MAX_MS ? HOLD_POLL_MS : this.#spend();
  }

  #startWindow(reset: number, resetRaw: string | null, date: string | null, nowMs: number) {
    this.#window = { reset, resetRaw, date, receivedAtMs: nowMs };
    this.#unplaced = 0;
    this.#heldSinceMs = undefined;
  }

  #windowEnd(): number | undefined {
    const window = this.#window;
    if (window === undefined) return undefined;
    if (window.endsAtMs === undefined) {
      const delay = rateLimitResetDelay(window.resetRaw, window.date, window.receivedAtMs);
      window.endsAtMs = window.receivedAtMs + (delay ?? 0);
    }
    return window.endsAtMs;
  }
}

function parseCount(raw: string | null): number | undefined {
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return undefined;
  return Number(raw);
}
