import type { MockClock } from './clock';

/** A response kept so a replayed request gets the same answer. */
export interface StoredResponse {
  status: number;
  body: string;
  contentType: string;
}

/** What the store knows about an Idempotency-Key. */
export type IdempotencyLookup =
  { kind: 'miss' } | { kind: 'replay'; response: StoredResponse } | { kind: 'conflict' };

interface Entry {
  fingerprint: string;
  response: StoredResponse;
  expiresAt: number;
}

/** How long a key is remembered: 24 hours. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Most keys a world remembers at once (all callers together).
 * Limitation: past 10,000 keys within 24 hours, the oldest is forgotten
 * early, so a very late retry with it runs again instead of replaying.
 */
export const IDEMPOTENCY_MAX_ENTRIES = 10_000;

/**
 * Remembers the first response to each Idempotency-Key, scoped per caller,
 * for 24 hours of the world's clock, and at most `maxEntries` keys, so a
 * caller sending a new key with every request cannot grow it without end.
 */
export class IdempotencyStore {
  // Insertion order is expiry order (every entry lives the same time), so
  // pruning stops at the first entry that is still alive, and the first
  // entry is the one to drop when the store is full.
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: MockClock,
    private readonly maxEntries = IDEMPOTENCY_MAX_ENTRIES,
  ) {}

  /** Looks a key up; `fingerprint` is the method, path and body of the request. */
  lookup(scope: string, key: string, fingerprint: string): IdempotencyLookup {
    this.prune();
    const entry = this.entries.get(`${scope}\n${key}`);
    if (!entry) return { kind: 'miss' };
    if (entry.fingerprint !== fingerprint) return { kind: 'conflict' };
    return { kind: 'replay', response: entry.response };
  }

  /** Stores the first response for a key. */
  save(scope: string, key: string, fingerprint: string, response: StoredResponse): void {
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(`${scope}\n${key}`, {
      fingerprint,
      response,
      expiresAt: this.clock.now() + IDEMPOTENCY_TTL_MS,
    });
  }

  /** Number of keys remembered now. */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.entries.delete(key);
    }
  }
}
