import type { PuchifyError } from './errors';

/** Passed to `onRequest` just before an attempt goes out. */
export interface RequestEvent {
  method: string;
  /** Full URL including the query. */
  url: string;
  /** Path without the query, e.g. `/api/v1/servers/svr_9`. */
  path: string;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** Request headers with Authorization and cookies redacted. */
  headers: Record<string, string>;
}

/** Passed to `onResponse` for every answer, successful or not. */
export interface ResponseEvent {
  method: string;
  path: string;
  attempt: number;
  status: number;
  requestId: string | undefined;
  durationMs: number;
  /** Response headers with cookies redacted. */
  headers: Record<string, string>;
}

/** Passed to `onRetry` before the SDK waits for another attempt. */
export interface RetryEvent {
  method: string;
  path: string;
  /** The attempt that failed. */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  /** The error of the failed attempt. */
  error: PuchifyError;
  requestId: string | undefined;
}

/** Passed to `onError` when a call fails for good. */
export interface FailureEvent {
  method: string;
  path: string;
  attempt: number;
  error: PuchifyError;
}

/**
 * Watchers of the request life cycle, each given a plain object; they may be async.
 * `onRequest` can stop an attempt: when it throws or its promise rejects, the call
 * fails with that error and nothing is sent. The others only observe: when one
 * throws or rejects, the call keeps its own result or error, and the failure goes to
 * the platform's error reporting (`reportError` in browsers, Deno and Bun, a process
 * warning in Node), as does a failure of the logger.
 */
export interface Hooks {
  /** Before each attempt goes out; awaited when it returns a promise. */
  onRequest?: (event: RequestEvent) => unknown;
  /** When each answer arrives. */
  onResponse?: (event: ResponseEvent) => unknown;
  /** Before waiting for a retry. */
  onRetry?: (event: RetryEvent) => unknown;
  /** When a call fails for good (after any retries). */
  onError?: (event: FailureEvent) => unknown;
}

/**
 * Runs an observer of the caller's (a hook, a logger method) so that its failure,
 * thrown or rejected, never changes the call: the failure is handed to the platform,
 * which shows it, instead of being lost or taking the call's place.
 */
export function observe(run: () => unknown): void {
  try {
    const result = run();
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
      (result as PromiseLike<unknown>).then(undefined, reportFailure);
    }
  } catch (error) {
    reportFailure(error);
  }
}

function reportFailure(error: unknown): void {
  const host = globalThis as {
    reportError?: (error: unknown) => void;
    process?: { emitWarning?: (warning: Error | string) => void };
  };
  if (host.reportError) host.reportError(error);
  else host.process?.emitWarning?.(error instanceof Error ? error : String(error));
}
