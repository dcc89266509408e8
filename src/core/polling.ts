import { sleep } from '../internal/sleep';
import { CallScope } from './call-scope';
import {
  ApiError,
  ConnectionError,
  ResourceFailedError,
  type ServerError,
  TimeoutError,
  WaitTimeoutError,
  type PuchifyError,
} from './errors';

/** Options of `waitFor`; `S` is the resource's status union. */
export interface WaitOptions<S extends string = string, T = unknown> {
  /**
   * Status to wait for; `'operational'` means the resource's ready state
   * (`running`, `available`, `healthy` or `active`).
   * @default 'operational'
   */
  until?: S | 'operational' | undefined;
  /**
   * Give up after this many milliseconds with a WaitTimeoutError.
   * @default 600000
   */
  timeoutMs?: number | undefined;
  /**
   * Pause before the second read, in milliseconds; later pauses grow by `backoff`.
   * @default 1000
   */
  intervalMs?: number | undefined;
  /**
   * Factor each pause grows by, up to `maxIntervalMs`; 1 polls at a fixed rate.
   * @default 1.5
   */
  backoff?: number | undefined;
  /**
   * Longest pause between reads, in milliseconds.
   * @default 10000
   */
  maxIntervalMs?: number | undefined;
  /** Ends the wait at once, including a read in flight. */
  signal?: AbortSignal | undefined;
  /** Called with every resource read, before deciding whether to go on. */
  onProgress?: ((resource: T, progress: WaitProgress) => void) | undefined;
}

/** Second argument of `onProgress`. */
export interface WaitProgress {
  /** 1 for the first read. */
  attempt: number;
  elapsedMs: number;
}

/** What a resource's lifecycle says about waiting; a slice of the generated lifecycle. */
export interface LifecycleLike {
  operational: string;
  failures: readonly string[];
  /** The statuses a deleted resource passes through, in order. */
  deletion?: readonly string[] | undefined;
}

/** Everything `pollUntil` needs besides the options. */
export interface PollTarget<T> {
  resourceId: string;
  /** Path of the resource, for messages: `/api/v1/servers/svr_1`. */
  path: string;
  /** Reads the resource once; the signal ends the read when the wait ends. */
  read: (signal: AbortSignal) => Promise<T>;
  lifecycle: LifecycleLike;
}

const DEFAULTS = { timeoutMs: 600_000, intervalMs: 1_000, backoff: 1.5, maxIntervalMs: 10_000 };
// setTimeout overflows past 2^31 - 1 ms and fires at once.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Statuses that end a wait for `target` with ResourceFailedError. The documented
 * failures, except the deletion steps that lead to the target: waiting for
 * `destroyed` passes through `deleting` and `deleted`.
 */
export function failuresFor(lifecycle: LifecycleLike, target: string): ReadonlySet<string> {
  const failures = new Set(lifecycle.failures);
  const steps = lifecycle.deletion ?? [];
  for (const step of steps.slice(0, steps.indexOf(target) + 1)) failures.delete(step);
  failures.delete(target);
  return failures;
}

// Limitation: a status the contract does not list counts as "still on the way",
// so a new terminal status added to the API only ends the wait at timeoutMs.

/**
 * Reads the resource until its status is the target. Ends at once on a failure
 * status, on 401/403/404 and other client errors, and on the caller's signal.
 * Transient failures (5xx, 429, network) that outlast the transport's own retries
 * count as one read and the wait goes on.
 */
export async function pollUntil<T extends { status: string }>(
  target: PollTarget<T>,
  options: WaitOptions<string, T> = {},
): Promise<T> {
  const settings = checkWaitOptions(options);
  const goal = settings.until === 'operational' ? target.lifecycle.operational : settings.until;
  const failures = failuresFor(target.lifecycle, goal);
  const wait = new WaitScope(target, goal, settings.timeoutMs, options.signal);
  let pauseMs = settings.intervalMs;
  try {
    for (let attempt = 1; ; attempt += 1) {
      // Step 1: one read; a transient error only shapes the next pause.
      const read = await wait.read();
      if (read.resource) {
        const resource = read.resource;
        options.onProgress?.(resource, { attempt, elapsedMs: wait.elapsedMs() });
        // Step 2: decide.
        if (resource.status === goal) return resource;
        if (failures.has(resource.status)) {
          throw new ResourceFailedError(target.resourceId, goal, resource.status, resource);
        }
      }
      // Step 3: pause. The deadline timer ends a pause that would outlast it.
      await wait.pause(Math.max(pauseMs, read.retryAfterMs ?? 0));
      pauseMs = Math.min(pauseMs * settings.backoff, settings.maxIntervalMs);
    }
  } finally {
    wait.dispose();
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof ConnectionError) return true;
  if (!(error instanceof ApiError)) return false;
  return error.status === 429 || error.status === 408 || error.status >= 500;
}

export interface WaitSettings {
  until: string;
  timeoutMs: number;
  intervalMs: number;
  backoff: number;
  maxIntervalMs: number;
}

/**
 * Applies defaults and refuses misuse with an error naming the option, before any
 * request. Durations stop at 2147483647 ms, where timers overflow and fire at once.
 */
export function checkWaitOptions(options: WaitOptions<string, never>): WaitSettings {
  const settings: WaitSettings = { ...DEFAULTS, until: options.until ?? 'operational' };
  for (const name of ['timeoutMs', 'intervalMs', 'maxIntervalMs', 'backoff'] as const) {
    const value = options[name];
    if (value === undefined) continue;
    const min = name === 'backoff' ? 1 : 0;
    if (typeof value !== 'number' || !(value >= min && value <= MAX_TIMER_MS)) {
      throw new RangeError(
        `The ${name} option of waitFor takes a number from ${min} to ${MAX_TIMER_MS}; ` +
          `received ${String(value)}.`,
      );
    }
    settings[name] = value;
  }
  if (typeof settings.until !== 'string' || settings.until === '') {
    throw new TypeError('The until option of waitFor takes a status such as "running".');
  }
  const { signal, onProgress } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError('The signal option of waitFor takes an AbortSignal.');
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new TypeError('The onProgress option of waitFor takes a function.');
  }
  return settings;
}

/**
 * One wait's deadline and the caller's signal, folded by a CallScope into the
 * AbortSignal that every read and pause listens to, and turned into the right
 * error when they fire.
 */
class WaitScope<T> {
  readonly #target: PollTarget<T>;
  readonly #goal: string;
  readonly #timeoutMs: number;
  readonly #scope: CallScope;
  readonly #startedAt = Date.now();
  #last: T | undefined;

  constructor(
    target: PollTarget<T>,
    goal: string,
    timeoutMs: number,
    userSignal: AbortSignal | undefined,
  ) {
    this.#target = target;
    this.#goal = goal;
    this.#timeoutMs = timeoutMs;
    this.#scope = new CallScope('GET', target.path, timeoutMs, userSignal);
  }

  elapsedMs(): number {
    return Date.now() - this.#startedAt;
  }

  /** One read of the resource; transient failures come back as an empty read. */
  async read(): Promise<{ resource?: T; retryAfterMs?: number | undefined }> {
    try {
      this.#last = await this.#target.read(this.#scope.signal);
      return { resource: this.#last };
    } catch (error) {
      if (this.#scope.isOver()) throw this.#endError(error);
      // Only RateLimitError and ServerError carry a delay; other transients leave it unset.
      if (isTransient(error)) return { retryAfterMs: (error as ServerError).retryAfterMs };
      throw error;
    }
  }

  async pause(ms: number): Promise<void> {
    try {
      await sleep(ms, this.#scope.signal);
    } catch (error) {
      throw this.#endError(error);
    }
  }

  dispose(): void {
    this.#scope.dispose();
  }

  // The scope speaks of one request; for a wait, its deadline is a WaitTimeoutError.
  #endError(cause: unknown): PuchifyError {
    const error = this.#scope.errorFor(cause);
    if (!(error instanceof TimeoutError)) return error;
    return new WaitTimeoutError(
      this.#target.resourceId,
      this.#goal,
      this.#timeoutMs,
      this.#last,
      cause,
    );
  }
}
