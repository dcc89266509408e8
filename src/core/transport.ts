import createClient from 'openapi-fetch';
import { REDACTED, redactHeaders, redactSecret, sanitize, unlessQuoting } from '../internal/redact';
import { randomId } from '../internal/random-id';
import { sleep } from '../internal/sleep';
import { requestNote } from '../internal/status-text';
import { CallScope } from './call-scope';
import {
  checkRequestOptions,
  type ClientConfig,
  type FetchLike,
  type RequestOptions,
} from './client-options';
import { retryAdvice } from './error-from-response';
import {
  answerError,
  contentType,
  parseJsonBody,
  serializeBody,
  unusableAnswer,
} from './json-body';
import { ApiError, PuchifyError, RateLimitError } from './errors';
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

// What openapi-fetch's coreFetch returns, typed loosely: the typed surface lives in
// src/resources, where each method's signature comes from the generated paths.
type LooseClient = {
  request(
    method: string,
    url: string,
    init: Record<string, unknown>,
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
};

/** State of one call across its attempts. */
interface Call {
  request: ApiRequest;
  scope: CallScope;
  maxAttempts: number;
  headers: Record<string, string> | undefined;
  bodyText: string | undefined;
  hasIdempotencyKey: boolean;
  parseAs: 'text' | 'stream';
  /** A failure of the caller's own code (onRequest, the fetch option), thrown as it is. */
  hookError?: { error: unknown };
  /** Whether the current attempt reached fetch; false means building it failed. */
  sent?: boolean;
  /** What fetch answered in the current attempt, before any middleware saw it. */
  answer?: Response | undefined;
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
 * Sends requests through openapi-fetch with the deadline, retry and rate-limit rules
 * of the SDK. One per client; holds the shared rate-limit budget.
 */
export class Transport {
  readonly #config: ClientConfig;
  readonly #client: LooseClient;
  readonly #gate = new RateLimitGate();
  /** The API key as it would stand in a URL, raw and percent-encoded; see refuseKeyInUrl. */
  readonly #keyForms: readonly [string, string] | undefined;

  constructor(config: ClientConfig) {
    this.#config = config;
    const client = createClient({
      baseUrl: config.baseUrl,
      fetch: config.fetch,
      // openapi-fetch leaves out a header whose value is undefined: without a key,
      // no Authorization goes out.
      headers: {
        Accept: 'application/json',
        Authorization: config.apiKey && `Bearer ${config.apiKey}`,
      },
      // Bodies are serialised once per call (see #startCall) and passed through as is.
      bodySerializer: (body: unknown) => body as string,
      ...(config.credentials && { credentials: config.credentials }),
    });
    client.use(...config.middleware);
    this.#client = client as unknown as LooseClient;
    // Keys under 8 characters (test stand-ins) are not looked for: they could match by chance.
    const { apiKey } = config;
    this.#keyForms =
      apiKey && apiKey.length >= 8 ? [apiKey, encodeURIComponent(apiKey)] : undefined;
  }

  /** Sends the request, retrying as allowed, and resolves to the parsed JSON body. */
  async request<T>(request: ApiRequest): Promise<T> {
    const call = this.#startCall(request, 'text');
    try {
      const { response, data } = await this.#run(call);
      const { apiKey } = this.#config;
      const body = parseJsonBody(request, response, data, apiKey);
      const problem = request.check?.(body);
      if (problem) throw unusableAnswer(request, response, problem, apiKey, body);
      return body as T;
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
      const { response, data } = await this.#run(call);
      call.scope.stopDeadline();
      const { apiKey } = this.#config;
      // A proxy's HTML page or a JSON answer would otherwise read as a stream
      // without a single event, and end the caller's loop as if all was well.
      const type = contentType(response);
      if (!type.startsWith('text/event-stream')) {
        call.scope.close();
        void response.body?.cancel().catch(() => undefined);
        throw unusableAnswer(request, response, `${type} instead of text/event-stream`, apiKey);
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
    checkRequestOptions(options);
    refuseKeyInUrl(request, this.#keyForms);
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
    const headers: Record<string, string> = { ...request.headers };
    if (isPost) headers['Idempotency-Key'] = options?.idempotencyKey ?? randomId();
    if (parseAs === 'stream') headers['Accept'] = 'text/event-stream';
    return {
      request,
      scope,
      maxAttempts: (options?.maxRetries ?? this.#config.maxRetries) + 1,
      headers: isPost || parseAs === 'stream' || request.headers ? headers : undefined,
      bodyText,
      hasIdempotencyKey: isPost,
      parseAs,
    };
  }

  async #run(call: Call): Promise<{ response: Response; data: unknown }> {
    for (let attempt = 1; ; attempt += 1) {
      await this.#passGate(call, attempt);
      const outcome = await this.#attempt(call, attempt);
      if (outcome.ok) return outcome;
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
    // An already-aborted or expired call sends nothing.
    if (scope.isOver()) throw this.#fail(call, attempt, scope.errorFor(scope.signal.reason));
    const startedAt = Date.now();
    let result: Awaited<ReturnType<LooseClient['request']>>;
    try {
      result = await this.#client.request(request.method, request.path, {
        params: request.query ? { query: request.query } : undefined,
        body: call.bodyText,
        headers: call.headers,
        parseAs: call.parseAs,
        fetch: this.#attemptFetch(call, attempt),
      });
    } catch (thrown) {
      if (call.hookError) throw call.hookError.error;
      // Building the request failed (a header value the platform refuses, a
      // middleware that throws), or a middleware refused the answer: a retry would
      // fail the same way, so the caller gets that error itself, not a ConnectionError.
      // An answer whose body was not read yet failed in a middleware's onResponse.
      // Limitation: one that read the body itself and then threw counts as a
      // network failure.
      if (!call.sent || call.answer?.bodyUsed === false) {
        throw unlessQuoting(thrown, this.#config.apiKey);
      }
      const error = this.#errorFor(scope, thrown);
      return { ok: false, error, failure: scope.isOver() ? undefined : { kind: 'network' } };
    }
    const { response } = result;
    const now = Date.now();
    this.#gate.observe(response.headers, now);
    this.#reportResponse(call, attempt, response, now - startedAt);
    if (response.ok) return { ok: true, response, data: result.data };
    const hintMs = serverRetryDelay(response.status, response.headers, now);
    const error = answerError(request, response, {
      body: result.error === '' ? undefined : result.error,
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

  /**
   * The fetch of one attempt. The call's signal rides in the init rather than on
   * openapi-fetch's Request: fetch builds its own Request from (input, init) anyway,
   * and following a signal once instead of twice is measurably cheaper per request.
   */
  #attemptFetch(call: Call, attempt: number): FetchLike {
    const { fetch, hooks, apiKey } = this.#config;
    const init = { signal: call.scope.signal };
    call.sent = false;
    call.answer = undefined;
    const send = (input: Request) => {
      call.sent = true;
      return Promise.resolve(fetch(input, init)).then((response) => {
        // A fetch option that answers with something else is a mistake in the caller's
        // code, not a network failure: it goes to the caller at once, not retried.
        if (typeof response?.status !== 'number' || typeof response.headers !== 'object') {
          const shown = response === null ? 'null' : `a value of type ${typeof response}`;
          const error = new TypeError(`The fetch option resolved to ${shown}, not a Response.`);
          call.hookError = { error };
          throw error;
        }
        return (call.answer = response);
      });
    };
    const refuse = (error: unknown): never => {
      call.hookError = { error };
      throw error;
    };
    return (input) => {
      let pending: unknown;
      try {
        pending = hooks.onRequest?.({
          method: call.request.method,
          url: redactSecret(input.url, apiKey),
          path: call.request.path,
          attempt,
          maxAttempts: call.maxAttempts,
          headers: redactHeaders(input.headers, apiKey),
        });
      } catch (error) {
        refuse(error);
      }
      // Only an async hook is waited for; the usual attempt spends no tick on it.
      if (typeof (pending as PromiseLike<unknown> | undefined)?.then === 'function') {
        return Promise.resolve(pending).then(() => send(input), refuse);
      }
      return send(input);
    };
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

  /** Reports a call's final failure and returns the error for the caller to throw. */
  #fail(call: Call, attempt: number, error: PuchifyError): PuchifyError {
    const { log, hooks } = this.#config;
    const { method, path } = call.request;
    log.write('warn', error.message);
    observe(() => hooks.onError?.({ method, path, attempt, error }));
    return error;
  }
}

/**
 * Refuses a call whose path or query holds the API key, as when the key itself is
 * passed where an id belongs (`apiKeys.delete(process.env.PUCHIFY_API_KEY)`): proxies
 * and server logs keep URLs, and the path is shown on errors and hook events.
 */
function refuseKeyInUrl(
  { method, path, query }: ApiRequest,
  keyForms: readonly [string, string] | undefined,
): void {
  if (!keyForms) return;
  const [apiKey, encoded] = keyForms;
  const url = query === undefined ? path : `${path}${JSON.stringify(query)}`;
  if (!url.includes(apiKey) && !path.includes(encoded)) {
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
