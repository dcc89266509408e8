import { checkOption } from './verify-signature';

/**
 * Where delivery ids are remembered. Puchify retries a delivery for about 24 hours and
 * may deliver one twice; a store shared by every instance of the receiving service (a
 * database table, Redis `SET NX PX`) drops duplicates that reach different instances.
 */
export interface DeliveryStore {
  /**
   * Records a delivery id. Returns true when this call recorded it and false when it was
   * already there (a duplicate). Must check and record in one atomic step, or two
   * concurrent attempts of one delivery could both pass. Only `false` counts as a
   * duplicate: a store that returns nothing handles every delivery rather than
   * dropping them all.
   */
  add(deliveryId: string): boolean | Promise<boolean>;
  /** Forgets a delivery id, so that the next attempt of a failed delivery is handled. */
  delete(deliveryId: string): void | Promise<void>;
}

/** Options for `MemoryDeliveryStore`. */
export interface MemoryDeliveryStoreOptions {
  /**
   * How long a delivery id is remembered, in milliseconds: a finite number, 1 or more.
   * The default covers Puchify's retry window of about 24 hours.
   * @default 90_000_000 (25 hours)
   */
  ttlMs?: number;
  /**
   * Most ids held at once, a finite number, 1 or more; past it the oldest is forgotten.
   * @default 10_000
   */
  maxEntries?: number;
}

/**
 * Remembers delivery ids in this process's memory, for a bounded time and count.
 * Limitation: memory is per process and lost on restart, so a service with several
 * instances, or one that restarts during the retry window, still sees some duplicates;
 * pass a shared `DeliveryStore` to `handleDeliveryOnce` to close that gap.
 */
export class MemoryDeliveryStore implements DeliveryStore {
  // Ids in insertion order with their expiry. One TTL for all means insertion order
  // is also expiry order, so expired ids, and the oldest when full, are at the front.
  readonly #expiries = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  /**
   * Creates an empty store. Throws a RangeError naming the option unless `ttlMs` and
   * `maxEntries` are numbers from 1 up to 1e15: 0, a negative number or NaN would
   * silently turn deduplication off.
   */
  constructor({ ttlMs = 90_000_000, maxEntries = 10_000 }: MemoryDeliveryStoreOptions = {}) {
    this.#ttlMs = checkOption('ttlMs', ttlMs, 1);
    this.#maxEntries = checkOption('maxEntries', maxEntries, 1);
  }

  /** Records the id; false when it was already recorded and has not expired. */
  add(deliveryId: string): boolean {
    const time = Date.now();
    const ids = this.#expiries;
    // Forget expired ids, then the oldest while full, unless the id asked about is still
    // held: a duplicate check must not push out the very id it checks.
    for (const [id, expiry] of ids) {
      if (expiry > time && (ids.size < this.#maxEntries || ids.has(deliveryId))) break;
      ids.delete(id);
    }
    if (ids.has(deliveryId)) return false;
    ids.set(deliveryId, time + this.#ttlMs);
    return true;
  }

  /** Forgets the id. */
  delete(deliveryId: string): void {
    this.#expiries.delete(deliveryId);
  }
}

/** What `handleDeliveryOnce` did: skipped a duplicate, or ran the handler. */
export type DeliveryOutcome<T> = { duplicate: true } | { duplicate: false; result: T };

/**
 * Runs `handler` once per delivery id (the `X-Puchify-Delivery` header), dropping the
 * duplicates Puchify's retries can produce. When the handler throws, the id is
 * forgotten again, so Puchify's next attempt is handled instead of dropped.
 * The delivery header is not covered by the signature; to dedupe on signed data,
 * pass the verified event's `id` instead.
 * Limitation: a duplicate that arrives while the first attempt is still running is
 * reported as a duplicate at once; if that attempt then fails, Puchify already has its
 * answer for the duplicate and does not retry. Puchify gives up on an answer after
 * 10 s, so answer within that time and queue slow work rather than running it here.
 * Limitation: when the handler throws and the store's `delete` then throws too, the
 * store's error is the one thrown (it says the id is still recorded, so a retry will
 * be dropped); the handler's error is not attached to it.
 * @example
 * const deliveries = new MemoryDeliveryStore(); // once, at start-up
 * const event = await constructEvent(rawBody, signature, secret);
 * const id = request.headers.get('x-puchify-delivery');
 * const outcome = await handleDeliveryOnce(deliveries, id, () => handle(event));
 */
export async function handleDeliveryOnce<T>(
  store: DeliveryStore,
  deliveryId: string | null | undefined,
  handler: () => T | Promise<T>,
): Promise<DeliveryOutcome<T>> {
  if (!deliveryId) {
    throw new TypeError('The delivery id is missing; pass the X-Puchify-Delivery header.');
  }
  if ((await store.add(deliveryId)) === false) return { duplicate: true };
  try {
    return { duplicate: false, result: await handler() };
  } catch (error) {
    await store.delete(deliveryId);
    throw error;
  }
}
