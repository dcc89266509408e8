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
 * Observers of the request life cycle, each given a plain object. They run inline,
 * so keep them quick; an exception thrown from a hook fails the call.
 */
export interface Hooks {
  /** Before each attempt goes out. */
  onRequest?: (event: RequestEvent) => void;
  /** When each answer arrives. */
  onResponse?: (event: ResponseEvent) => void;
  /** Before waiting for a retry. */
  onRetry?: (event: RetryEvent) => void;
  /** When a call fails for good (after any retries). */
  onError?: (event: FailureEvent) => void;
}
