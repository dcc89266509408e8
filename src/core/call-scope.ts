import { ConnectionError, PuchifyError, RequestAbortedError, TimeoutError } from './errors';

/**
 * The life of one call: its overall deadline and the caller's signal folded into a
 * single AbortSignal that every attempt and every wait listens to.
 */
export class CallScope {
  // `declare`: assigned in the constructor, so no field definitions are emitted as well.
  declare readonly method: string;
  declare readonly path: string;
  declare readonly timeoutMs: number;
  declare readonly signal: AbortSignal;
  declare readonly deadlineMs: number;
  readonly #controller = new AbortController();
  readonly #userSignal: AbortSignal | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;
  /** Rejects the promise `race` is waiting on, if any, when the call ends. */
  #onEnd: ((reason: unknown) => void) | undefined;

  constructor(
    method: string,
    path: string,
    timeoutMs: number,
    userSignal: AbortSignal | undefined,
  ) {
    this.method = method;
    this.path = path;
    this.timeoutMs = timeoutMs;
    this.signal = this.#controller.signal;
    this.deadlineMs = Date.now() + timeoutMs;
    this.#userSignal = userSignal;
    this.#timer = setTimeout(this.#onTimeout, timeoutMs);
    if (userSignal?.aborted) this.#controller.abort(userSignal.reason);
    else userSignal?.addEventListener('abort', this.#onUserAbort, { once: true });
  }

  /** Milliseconds left before the deadline. */
  remainingMs(): number {
    return this.deadlineMs - Date.now();
  }

  /**
   * What a thrown value means for this call: the deadline passed, the caller
   * aborted, or (anything else) the connection failed.
   */
  errorFor(thrown: unknown): PuchifyError {
    if (this.#timedOut) return new TimeoutError(this.method, this.path, this.timeoutMs, thrown);
    if (this.#userSignal?.aborted) {
      return new RequestAbortedError(this.method, this.path, this.#userSignal.reason);
    }
    if (thrown instanceof PuchifyError) return thrown;
    return new ConnectionError(this.method, this.path, thrown);
  }

  /** Whether `errorFor` would report the end of the call rather than a failed attempt. */
  isOver(): boolean {
    return this.signal.aborted;
  }

  /**
   * `promise`, or a rejection with the signal's reason as soon as the call ends: for
   * code of the caller's that may not follow the signal. No listener is added; the
   * scope's own abort paths reject it.
   */
  race<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#onEnd = reject;
      promise.then(resolve, reject);
    });
  }

  /** Stops the deadline, e.g. once a stream is open, but keeps the caller's signal. */
  stopDeadline(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Aborts whatever is still running (an open stream) and releases listeners. */
  close(): void {
    this.dispose();
    if (!this.signal.aborted) this.#controller.abort();
  }

  /** Releases the timer and the listener on the caller's signal. */
  dispose(): void {
    this.stopDeadline();
    this.#userSignal?.removeEventListener('abort', this.#onUserAbort);
  }

  readonly #onTimeout = (): void => {
    if (this.signal.aborted) return;
    this.#timedOut = true;
    this.#end(new TimeoutError(this.method, this.path, this.timeoutMs));
  };

  readonly #onUserAbort = (): void => {
    this.#end(this.#userSignal?.reason);
  };

  #end(reason: unknown): void {
    this.#controller.abort(reason);
    this.#onEnd?.(reason);
  }
}
