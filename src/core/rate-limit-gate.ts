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
 *
 * Limitation: the gate holds well while answers take well under a second; with slower
 * answers, under many concurrent requests, it lets some 429s through (they are then
 * retried per Retry-After). After HOLD_MAX_MS without news of the new window, every
 * waiting request goes out at once rather than one probe. The first answer of a new
 * window replaces the count, forgetting requests this client sent in that window
 * before it arrived. Answers are observed once their body is read, so the window's end
 * is placed late by the answer's duration. And a request whose timeout ends while it
 * polls for news fails with a RateLimitError that names the 50 ms poll as its wait.
 */
export class RateLimitGate {
  #remaining: number | undefined;
  #limit: number | undefined;
  #window: Window | undefined;
  /** When requests began to wait for news of a new window. */
  #holdMs: number | undefined;

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
    // from an earlier window says nothing about the current one. The first answer
    // after a window passed counts only the requests the server had seen; what was
    // sent since then is counted down locally, and the lower count wins.
    if (current === undefined || this.#remaining === undefined || reset > current.reset) {
      this.#remaining = current ? remaining : Math.min(remaining, this.#remaining ?? remaining);
      this.#window = { reset, resetRaw, date: headers.get('date'), receivedAtMs: nowMs };
      this.#holdMs = undefined;
    } else if (reset === current.reset) {
      this.#remaining = Math.min(this.#remaining, remaining);
    }
  }

  /**
   * Takes one unit of budget. Returns 0 when the request may go now, or how many
   * milliseconds to wait before asking again.
   */
  take(nowMs: number): number {
    const remaining = this.#remaining;
    if (remaining !== undefined && remaining <= 0) {
      if (this.#window === undefined) {
        // The new window's budget is spent before any of its answers said when it
        // ends. They are on their way; sending now would only collect refusals.
        this.#holdMs ??= nowMs;
        if (nowMs - this.#holdMs < HOLD_MAX_MS) return HOLD_POLL_MS;
      } else {
        const endsAtMs = this.#windowEnd() as number;
        if (nowMs < endsAtMs) return endsAtMs - nowMs;
        // The window has passed: the full limit is back, if we ever learnt it. When
        // the new window ends is unknown until the next answer says.
        this.#remaining = this.#limit;
        this.#window = undefined;
      }
    }
    if (this.#remaining !== undefined) this.#remaining--;
    return 0;
  }

  /** Gives back the unit `take` spent, for a request that never went out. */
  refund(): void {
    if (this.#remaining !== undefined) this.#remaining++;
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
