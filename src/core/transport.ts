import { REDACTED, redactHeaders, redactSecret, sanitize, unlessQuoting } from '../internal/redact';
import { randomId } from '../internal/random-id';
import { sleep } from '../internal/sleep';
import { requestNote } from '../internal/status-text';
import { CallScope } from './call-scope';
import { checkRequestOptions, type ClientConfig, type RequestOptions } from './client-options';
import { retryAdvice } from './error-from-response';
import {
  answerError,
  contentType,
  parseJsonBody,
  serializeBody,
  unusableAnswer,
} from './json-body';
import { ApiError, PuchifyError, RateLimitError, RequestAbortedError } from './errors';
import { exchange, queryString, type Exchange } from './exchange';
import { observe } from './hooks';
import { RateLimitGate } from './rate-limit-gate';
import { serverRetryDelay } from './retry-after';
import { backoffDelayMs, isRetryable, type AttemptFailure } from './retry-policy';

/** One API call as the resources describe it. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path with every parameter already encoded (see `pathOf`). */
  path: string;
  query?: object | undefined;
  body?: unknown;
  /** Extra headers of this operation, e.g. `Last-Event-ID`. */
  headers?: Record<string, string> | undefined;
  options?: RequestOptions | undefined;
  /** Says what is wrong with a parsed 2xx body, if anything; it then fails as an ApiError. */
  check?: ((body: unknown) => string | undefined) | undefined;
}

/** An open streaming answer; `close()` ends the connection. */
export interface OpenStream {
  response: Response;
  body: ReadableStream<Uint8Array>;
  close(): void;
  /** The error for a failure while reading: a ConnectionError unless the caller aborted. */
  errorFor(thrown: unknown): PuchifyError;
}

/** State of one call across its attempts. */
interface Call {
  request: ApiRequest;
  scope: CallScope;
  maxAttempts: number;
  /** Full URL, query included; the same for every attempt. */
  url: string;
  init: RequestInit;
  hasIdempotencyKey: boolean;
  parseAs: 'text' | 'stream';
}

type Outcome =
  | { ok: true; response: Response; data: unknown }
  | {
      ok: false;
      error: PuchifyError;
      failure: AttemptFailure | undefined;
      hintMs?: number | undefined;
    };

/**
 * Sends requests with the deadline, retry and rate-limit rules of the SDK, through
 * the caller's middleware (see exchange.ts). One per client; holds the shared
 * rate-limit budget.
 */
export class Transport {
  readonly #config: ClientConfig;
  readonly #gate = new RateLimitGate();
  /** The API key as it would stand in a URL, raw and percent-encoded; see refuseKeyInUrl. */
  readonly #keyForms: readonly [string, string] | undefined;

  constructor(config: ClientConfig) {
    this.#config = config;
    // Keys under 8 characters (test stand-ins) are not looked for: they could match by chance.
    const { apiKey } = config;
    this.#keyForms =
      apiKey && apiKey.length >= 8 ? [apiKey, encodeURIComponent(apiKey)] : undefined;
  }

  /** Sends the request, retrying as allowed, and resolves to the parsed JSON body. */
  async request<T>(request: ApiRequest): Promise<T> {
    const call = this.#startCall(request, 'text');
    try {
      const { response, data, attempt } = await this.#run(call);
      const { apiKey } = this.#config;
      try {
        const body = parseJsonBody(request, response, data, apiKey);
        const problem = request.check?.(body);
        if (problem) throw unusableAnswer(request, response, problem, apiKey, body);
        return body as T;
      } catch (error) {
        // An answer the SDK cannot use fails the call for good, as a failed attempt does.
        throw this.#fail(call, attempt, error as ApiError);
      }
    } finally {
      call.scope.dispose();
    }
  }

  /**
   * Opens a streaming answer. Retries cover opening it; once open, the deadline
   * stops and the stream lives until `close()` or the caller's signal.
   */
  async stream(request: ApiRequest): Promise<OpenStream> {
    const call = this.#startCall(request, 'stream');
    try {
      const { response, data, attempt } = await this.#run(call);
      call.scope.stopDeadline();
      const { apiKey } = this.#config;
      // A proxy's HTML page or a JSON answer would otherwise read as a stream
      // without a single event, and end the caller's loop as if all was well.
      const type = contentType(response);
      const problem = !type.startsWith('text/event-stream')
        ? `${type} instead of text/event-stream`
        : data
          ? undefined
          : 'an event stream without a body';
      if (problem) {
        call.scope.close();
        void response.body?.cancel().catch(() => undefined);
        throw this.#fail(call, attempt, unusableAnswer(request, response, problem, apiKey));
      }
      return {
        response,
        body: data as ReadableStream<Uint8Array>,
        close: () => call.scope.close(),
        errorFor: (thrown) => this.#errorFor(call.scope, thrown),
      };
    } catch (error) {
      call.scope.dispose();
      throw error;
    }
  }

  #startCall(request: ApiRequest, parseAs: Call['parseAs']): Call {
    const { options, body } = request;
    const { apiKey, baseUrl, credentials } = this.#config;
    checkRequestOptions(options);
    const pathAndQuery = request.path + queryString(request.query);
    refuseKeyInUrl(request, pathAndQuery, this.#keyForms);
    // Refused bodies throw here, before the scope below starts its timer.
    const bodyText = body === undefined ? undefined : serializeBody(request, body);
    const scope = new CallScope(
      request.method,
      request.path,
      options?.timeout ?? this.#config.timeoutMs,
      options?.signal,
    );
    // One key per call, reused by every retry of it: that is what lets the API
    // answer a retried create with the first result instead of creating twice.
    const isPost = request.method === 'POST';
    const headers: Record<string, string> = {
      Accept: parseAs === 'stream' ? 'text/event-stream' : 'application/json',
      ...request.headers,
    };
    // Without a key (a page relying on the dashboard session), no Authorization goes out.
    if (apiKey) headers['Authorization'] = `Bearer ${apiKey}`;
    if (bodyText !== undefined) headers['Content-Type'] = 'application/json';
    if (isPost) headers['Idempotency-Key'] = options?.idempotencyKey ?? randomId();
    const init: RequestInit = { method: request.method, headers };
    if (bodyText !== undefined) init.body = bodyText;
    if (credentials) init.credentials = credentials;
    return {
      request,
      scope,
      maxAttempts: (options?.maxRetries ?? this.#config.maxRetries) + 1,
      url: baseUrl + pathAndQuery,
      init,
      hasIdempotencyKey: isPost,
      parseAs,
    };
  }

  async #run(call: Call): Promise<{ response: Response; data: unknown; attempt: number }> {
    for (let attempt = 1; ; attempt += 1) {
      await this.#passGate(call, attempt);
      const outcome = await this.#attempt(call, attempt);
      if (outcome.ok) return { ...outcome, attempt };
      await this.#sleep(call, attempt, this.#retryDelay(call, attempt, outcome));
    }
  }

  /** Waits before an attempt; the call's deadline or signal ends the wait as its failure. */
  async #sleep(call: Call, attempt: number, ms: number): Promise<void> {
    try {
      await sleep(ms, call.scope.signal);
    } catch (thrown) {
      throw this.#fail(call, attempt, call.scope.errorFor(thrown));
    }
  }

  async #attempt(call: Call, attempt: number): Promise<Outcome> {
    const { request, scope } = call;
    const startedAt = Date.now();
    const { apiKey, log } = this.#config;
    const step: Exchange = {
      url: call.url,
      init: call.init,
      path: request.path,
      query: request.query,
      parseAs: call.parseAs,
      signal: scope.signal,
      beforeSend: this.#beforeSend(call, attempt),
    };
    // An already-aborted or expired call sends nothing, and gives back its unit.
    if (scope.isOver()) {
      this.#gate.refund();
      throw this.#fail(call, attempt, scope.errorFor(scope.signal.reason));
    }
    let result: Awaited<ReturnType<typeof exchange>>;
    try {
      const pending = exchange(this.#config, step);
      // The caller's code (middleware, the onRequest hook, a fetch option, a stub of
      // globalThis.fetch installed before or after this module loaded) may ignore the
      // signal; the deadline holds all the same.
      result = await scope.race(pending);
    } catch (thrown) {
      // The deadline passed or the caller aborted while the caller's code ran.
      if (scope.isOver()) throw this.#fail(call, attempt, this.#errorFor(scope, thrown));
      // The caller's own code failed (a middleware, the onRequest hook, the fetch
      // option) or the Request could not be built from what it gave: a retry would
      // fail the same way, so the caller gets that error itself, not a ConnectionError.
      const error = unlessQuoting(thrown, apiKey);
      log.write('warn', `${request.method} ${request.path} failed: ${String(error)}`);
      throw error;
    } finally {
      // An attempt that never reached fetch (vetoed, answered by a middleware, aborted)
      // gives back the unit of rate limit it took.
      if (!step.sent) this.#gate.refund();
    }
    if ('failed' in result) {
      const error = this.#errorFor(scope, result.failed);
      return { ok: false, error, failure: scope.isOver() ? undefined : { kind: 'network' } };
    }
    const { response } = result;
    const now = Date.now();
    this.#gate.observe(response.headers, now);
    this.#reportResponse(call, attempt, response, now - startedAt);
    if (response.ok) return { ok: true, response, data: result.body };
    const hintMs = serverRetryDelay(response.status, response.headers, now);
    const error = answerError(request, response, {
      body: result.body,
      retryAfterMs: hintMs,
      secret: this.#config.apiKey,
    });
    return { ok: false, error, failure: { kind: 'status', status: response.status }, hintMs };
  }

  /** The PuchifyError for a thrown value; a foreign one rides along only as a sanitised copy. */
  #errorFor(scope: CallScope, thrown: unknown): PuchifyError {
    const own = thrown instanceof PuchifyError;
    return scope.errorFor(own ? thrown : sanitize(thrown, this.#config.apiKey));
  }

  /**
   * How long to wait before the next attempt, or throws the failure when the call
   * may not or cannot be retried.
   */
  #retryDelay(call: Call, attempt: number, outcome: Outcome & { ok: false }): number {
    const { error, failure, hintMs } = outcome;
    const { maxRetryDelayMs } = this.#config;
    let delayMs = Infinity;
    if (
      failure !== undefined &&
      attempt < call.maxAttempts &&
      isRetryable(call.request.method, failure, call.hasIdempotencyKey) &&
      // A server-requested wait is honoured or not at all: sending sooner only earns
      // another refusal. Our own backoff simply shrinks to fit.
      (hintMs ?? 0) <= maxRetryDelayMs
    ) {
      delayMs = hintMs ?? Math.min(backoffDelayMs(attempt), maxRetryDelayMs);
    }
    // Waiting past the deadline would only end in a TimeoutError that hides the cause.
    if (delayMs >= call.scope.remainingMs()) throw this.#fail(call, attempt, error);
    this.#reportRetry(call, attempt, delayMs, error);
    return delayMs;
  }

  async #passGate(call: Call, attempt: number): Promise<void> {
    for (;;) {
      const waitMs = this.#gate.take(Date.now());
      if (waitMs === 0) return;
      if (waitMs > this.#config.maxRetryDelayMs || waitMs >= call.scope.remainingMs()) {
        throw this.#fail(
          call,
          attempt,
          budgetSpentError(call, waitMs, this.#config.maxRetryDelayMs),
        );
      }
      const { method, path } = call.request;
      this.#config.log.write(
        'info',
        `${method} ${path} waits ${waitMs}ms for the rate-limit window to reset`,
      );
      await this.#sleep(call, attempt, waitMs);
    }
  }

  /** The onRequest hook of one attempt, given the final Request. */
  #beforeSend(call: Call, attempt: number): (request: Request) => unknown {
    const { hooks, apiKey } = this.#config;
    return (input) =>
      hooks.onRequest?.({
        method: call.request.method,
        url: redactSecret(input.url, apiKey),
        path: call.request.path,
        attempt,
        maxAttempts: call.maxAttempts,
        headers: redactHeaders(input.headers, apiKey),
      });
  }

  #reportResponse(call: Call, attempt: number, response: Response, durationMs: number): void {
    const { log, hooks, apiKey } = this.#config;
    const { method, path } = call.request;
    const header = response.headers.get('x-request-id');
    const id = header === null ? undefined : redactSecret(header, apiKey);
    if (log.enabled('debug')) {
      log.write(
        'debug',
        `${method} ${path} got ${response.status} in ${durationMs}ms; ` +
          `attempt ${attempt} of ${call.maxAttempts}${requestNote(id)}`,
      );
    }
    const { onResponse } = hooks;
    if (onResponse) {
      const headers = redactHeaders(response.headers, apiKey);
      const event = {
        method,
        path,
        attempt,
        status: response.status,
        requestId: id,
        durationMs,
        headers,
      };
      observe(() => onResponse(event));
    }
  }

  #reportRetry(call: Call, attempt: number, delayMs: number, error: PuchifyError): void {
    const { log, hooks } = this.#config;
    const { method, path } = call.request;
    const requestId = error instanceof ApiError ? error.requestId : undefined;
    if (log.enabled('info')) {
      const what = error instanceof ApiError ? `got ${error.status}` : `failed (${error.name})`;
      log.write(
        'info',
        `${method} ${path} ${what}; attempt ${attempt + 1} of ${call.maxAttempts} ` +
          `in ${delayMs}ms${requestNote(requestId)}`,
      );
    }
    const event = {
      method,
      path,
      attempt,
      maxAttempts: call.maxAttempts,
      delayMs,
      error,
      requestId,
    };
    observe(() => hooks.onRetry?.(event));
  }

  /**
   * Reports a call's final failure and returns the error for the caller to throw. A
   * call its signal aborted did not fail: the caller ended it, or a paginator or a wait
   * did on its behalf (a prefetch no longer needed, a wait out of time).
   */
  #fail(call: Call, attempt: number, error: PuchifyError): PuchifyError {
    const { log, hooks } = this.#config;
    const { method, path } = call.request;
    if (!(error instanceof RequestAbortedError)) {
      log.write('warn', error.message);
      observe(() => hooks.onError?.({ method, path, attempt, error }));
    }
    return error;
  }
}

/**
 * Refuses a call whose path or query holds the API key, as when the key itself is
 * passed where an id belongs (`apiKeys.delete(process.env.PUCHIFY_API_KEY)`): proxies
 * and server logs keep URLs, and the path is shown on errors and hook events.
 */
function refuseKeyInUrl(
  { method, path }: ApiRequest,
  url: string,
  keyForms: readonly [string, string] | undefined,
): void {
  if (!keyForms) return;
  const [apiKey, encoded] = keyForms;
  if (!url.includes(apiKey) && !url.includes(encoded)) {
    return;
  }
  const shown = redactSecret(path.split(encoded).join(REDACTED), apiKey);
  throw new TypeError(
    `${method} ${shown} was not sent: its URL would hold the API key. Pass the id of ` +
      "the resource instead (an API key's own id starts with key_).",
  );
}

function budgetSpentError(call: Call, waitMs: number, maxRetryDelayMs: number): RateLimitError {
  const { method, path } = call.request;
  const limit =
    waitMs > maxRetryDelayMs
      ? `longer than maxRetryDelay (${maxRetryDelayMs}ms)`
      : 'longer than the time left before the timeout';
  return new RateLimitError({
    message:
      `${method} ${path} was not sent: this client's rate-limit budget is spent for ` +
      `${waitMs}ms, ${limit}. ${retryAdvice(waitMs)}`,
    status: 429,
    code: 'rate_limited',
    details: [],
    headers: {},
    method,
    path,
    retryAfterMs: waitMs,
  });
}
