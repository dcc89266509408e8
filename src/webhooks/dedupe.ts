/**
 * Where delivery ids are remembered. Puchify retries a delivery for about 24 hours and
 * may deliver one twice; a store shared by every instance of the receiving service (a
 * database table, Redis `SET NX PX`) drops duplicates that reach different instances.
 */
export interface DeliveryStore {
  /**
   * Records a delivery id. Returns true when this call recorded it and false when it was
   * already there (a duplicate). Must check and record in one atomic step, or two
   * concurrent attempts of one delivery could both pass.
   */
  add(deliveryId: string): boolean | Promise<boolean>;
  /** Forgets a delivery id, so that the next attempt of a failed delivery is handled. */
  delete(deliveryId: string): void | Promise<void>;
}

/** Options for `MemoryDeliveryStore`. */
export interface MemoryDeliveryStoreOptions {
  /**
   * How long a delivery id is remembered, in milliseconds; it covers Puchify's retry
   * window of about 24 hours.
   * @default 90_000_000 (25 hours)
   */
  ttlMs?: number;
  /**
   * Most ids held at once; past it the oldest is forgotten.
   * @default 10_000
   */
  maxEntries?: number;
  /**
   * Clock in Unix milliseconds, for tests.
   * @default Date.now
   */
  now?: () => number;
}

/**
 * Remembers delivery ids in this process's memory, for a bounded time and count.
 * Limitation: memory is per process and lost on restart, so a service with several
 * instances, or one that restarts during the retry window, still sees some duplicates;
 * pass a shared `DeliveryStore` to `DeliveryDeduper` to close that gap.
 */
export class MemoryDeliveryStore implements DeliveryStore {
  // Ids in insertion order with their expiry. One TTL for all means insertion order
  // is also expiry order, so expired ids are always at the front.
  readonly #expiries = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  /** Creates an empty store. */
  constructor(options: MemoryDeliveryStoreOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 90_000_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
    if (!(this.#ttlMs > 0) || !(this.#maxEntries >= 1)) {
      throw new RangeError('The ttlMs and maxEntries options take numbers above 0.');
    }
  }

  /** Number of ids currently remembered. */
  get size(): number {
    this.#evict(this.#now());
    return this.#expiries.size;
  }

  /** Records the id; false when it was already recorded and has not expired. */
  add(deliveryId: string): boolean {
    const now = this.#now();
    this.#evict(now);
    if ((this.#expiries.get(deliveryId) ?? 0) > now) return false;
    this.#expiries.delete(deliveryId);
    this.#expiries.set(deliveryId, now + this.#ttlMs);
    if (this.#expiries.size > this.#maxEntries) this.#expiries.delete(this.#oldest()!);
    return true;
  }

  /** Forgets the id. */
  delete(deliveryId: string): void {
    this.#expiries.delete(deliveryId);
  }

  #oldest(): string | undefined {
    return this.#expiries.keys().next().value;
  }

  #evict(now: number): void {
    for (const [id, expiry] of this.#expiries) {
      if (expiry > now) return;
      this.#expiries.delete(id);
    }
  }
}

/** What `DeliveryDeduper.run` did: skipped a duplicate, or ran the handler. */
export type DeliveryOutcome<T> = { duplicate: true } | { duplicate: false; result: T };

/** Options for `DeliveryDeduper`. */
export interface DeliveryDeduperOptions {
  /**
   * Where delivery ids are remembered.
   * @default new MemoryDeliveryStore()
   */
  store?: DeliveryStore;
}

/**
 * Runs a handler once per delivery id (the `X-Puchify-Delivery` header), dropping the
 * duplicates Puchify's retries can produce. When the handler throws, the id is
 * forgotten again, so Puchify's next attempt is handled instead of dropped.
 * The delivery header is not covered by the signature; to dedupe on signed data,
 * pass the verified event's `id` instead.
 * @example
 * const deduper = new DeliveryDeduper();
 * const event = await constructEvent(rawBody, signature, secret);
 * await deduper.run(request.headers.get('x-puchify-delivery'), () => handle(event));
 */
export class DeliveryDeduper {
  /** The store in use. */
  readonly store: DeliveryStore;

  /** Creates a deduper, in memory unless a store is given. */
  constructor(options: DeliveryDeduperOptions = {}) {
    this.store = options.store ?? new MemoryDeliveryStore();
  }

  /** Runs `handler` unless `deliveryId` was seen before; a throw forgets the id again. */
  async run<T>(
    deliveryId: string | null | undefined,
    handler: () => T | Promise<T>,
  ): Promise<DeliveryOutcome<T>> {
    if (typeof deliveryId !== 'string' || deliveryId === '') {
      throw new TypeError(
        'The delivery id is missing. Pass the X-Puchify-Delivery header value (del_...), ' +
          "or the verified event's id.",
      );
    }
    if (!(await this.store.add(deliveryId))) return { duplicate: true };
    try {
      return { duplicate: false, result: await handler() };
    } catch (error) {
      await this.store.delete(deliveryId);
      throw error;
    }
  }
}
