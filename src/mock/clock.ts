/** A scheduled callback; the handle `MockClock.clear` accepts. */
export interface TimerHandle {
  readonly id: number;
}

/**
 * The one clock a mock world runs on: lifecycle transitions, webhook retries,
 * the rate-limit window and idempotency expiry all read it.
 */
export interface MockClock {
  /** `'manual'` when time moves only through `advance`. */
  readonly kind: 'real' | 'manual';
  /** Milliseconds since the Unix epoch, on this clock. */
  now(): number;
  /** Runs `callback` once after `delayMs` of this clock's time. */
  schedule(callback: () => unknown, delayMs: number): TimerHandle;
  /** Cancels a scheduled callback; unknown handles are ignored. */
  clear(handle: TimerHandle): void;
  /** Cancels every scheduled callback (used by `reset` and `close`). */
  clearAll(): void;
  /** Number of callbacks still scheduled. */
  pending(): number;
  /**
   * Moves a manual clock forward, firing due callbacks in time order. The
   * returned promise settles once the async work they started (webhook
   * deliveries) has settled.
   * @example
   * await mock.clock.advance(2_000); // creating -> running
   */
  advance(ms: number): Promise<void>;
  /**
   * Registers async work that `advance` waits for before each due callback
   * and before it returns: a delivery attempt under way must finish (and
   * schedule its retry) before time moves past the retry.
   */
  waitBeforeFiring(settle: () => Promise<void>): void;
}

interface QueuedTimer {
  id: number;
  dueAt: number;
  callback: () => unknown;
}

/** Creates a clock that follows wall time and fires through `setTimeout`. */
export function createRealClock(): MockClock {
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let nextId = 1;
  return {
    kind: 'real',
    now: () => Date.now(),
    schedule(callback, delayMs) {
      const id = nextId++;
      const timer = setTimeout(() => {
        timers.delete(id);
        void callback();
      }, delayMs);
      // A mock that only waits on its own lifecycle timers must not keep a
      // test runner or CLI process alive after everything else is done.
      (timer as { unref?: () => void }).unref?.();
      timers.set(id, timer);
      return { id };
    },
    clear(handle) {
      clearTimeout(timers.get(handle.id));
      timers.delete(handle.id);
    },
    clearAll() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
    pending: () => timers.size,
    advance() {
      return Promise.reject(
        new TypeError(
          'The real clock cannot be advanced. Create the mock with { clock: "manual" } ' +
            'to move time by hand.',
        ),
      );
    },
    // Real time waits for nobody.
    waitBeforeFiring: () => undefined,
  };
}

/**
 * Creates a clock that stands still until `advance(ms)` moves it, so tests
 * drive lifecycles and retries without sleeping.
 */
export function createManualClock(startMs: number = Date.now()): MockClock {
  let current = startMs;
  let nextId = 1;
  const queue: QueuedTimer[] = [];
  const settlers: Array<() => Promise<void>> = [];
  const settle = async (): Promise<void> => {
    for (const wait of settlers) await wait();
  };

  const popDue = (limit: number): QueuedTimer | undefined => {
    let best = -1;
    for (let i = 0; i < queue.length; i++) {
      const timer = queue[i] as QueuedTimer;
      if (timer.dueAt > limit) continue;
      const bestTimer = queue[best];
      // Equal due times fire in scheduling order, which keeps runs repeatable.
      if (!bestTimer || timer.dueAt < bestTimer.dueAt) best = i;
    }
    return best === -1 ? undefined : queue.splice(best, 1)[0];
  };

  return {
    kind: 'manual',
    now: () => current,
    schedule(callback, delayMs) {
      const timer = { id: nextId++, dueAt: current + Math.max(0, delayMs), callback };
      queue.push(timer);
      return { id: timer.id };
    },
    clear(handle) {
      const index = queue.findIndex((timer) => timer.id === handle.id);
      if (index !== -1) queue.splice(index, 1);
    },
    clearAll() {
      queue.length = 0;
    },
    pending: () => queue.length,
    async advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`clock.advance takes a non-negative number of ms; received ${ms}.`);
      }
      const target = current + ms;
      await settle();
      for (let timer = popDue(target); timer; timer = popDue(target)) {
        current = timer.dueAt;
        const result = timer.callback();
        // Callbacks may start work that schedules follow-up timers (a failed
        // delivery schedules its retry), so let it finish before looking again.
        if (result instanceof Promise) await result.catch(() => undefined);
        await settle();
      }
      current = target;
    },
    waitBeforeFiring(wait) {
      settlers.push(wait);
    },
  };
}
