import type { MockClock } from './clock';

/** Rate-limit settings of a mock world. */
export interface RateLimitOptions {
  /** Requests allowed per window and identity. @default 1000 */
  limit?: number;
  /** Window length in milliseconds. @default 60_000 */
  windowMs?: number;
}

/** The outcome of counting one request, with everything the headers need. */
export interface RateLimitDecision {
  isAllowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds at which the window resets. */
  resetSeconds: number;
  /** Whole seconds until the reset, at least 1 (for Retry-After). */
  retryAfterSeconds: number;
}

interface Window {
  startMs: number;
  count: number;
}

/**
 * A fixed-window counter per identity (an API key id, a session, or
 * `anonymous`), read off the world's clock so a manual clock moves windows.
 */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly clock: MockClock,
    options: RateLimitOptions = {},
  ) {
    this.limit = options.limit ?? 1000;
    this.windowMs = options.windowMs ?? 60_000;
    if (!Number.isInteger(this.limit) || this.limit < 1) {
      throw new RangeError(`rateLimit.limit takes a positive integer; received ${this.limit}.`);
    }
    if (!(this.windowMs >= 1000)) {
      throw new RangeError(`rateLimit.windowMs takes at least 1000; received ${this.windowMs}.`);
    }
  }

  /** Counts a request for `identity` and says whether it may proceed. */
  take(identity: string): RateLimitDecision {
    const now = this.clock.now();
    const startMs = now - (now % this.windowMs);
    let window = this.windows.get(identity);
    if (!window || window.startMs !== startMs) {
      window = { startMs, count: 0 };
      this.windows.set(identity, window);
    }
    const isAllowed = window.count < this.limit;
    if (isAllowed) window.count += 1;
    const resetMs = startMs + this.windowMs;
    return {
      isAllowed,
      limit: this.limit,
      remaining: this.limit - window.count,
      resetSeconds: Math.ceil(resetMs / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now) / 1000)),
    };
  }

  /** Forgets every window. */
  clear(): void {
    this.windows.clear();
  }
}
