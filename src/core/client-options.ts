import { isBrowser, readEnv } from '../internal/environment';
import { MIDDLEWARE_HOOKS, type Middleware } from './exchange';
import type { Hooks } from './hooks';
import { LOG_LEVELS, Log, type LogLevel, type Logger } from './logger';
import { DEFAULT_MAX_RETRIES, MAX_RETRIES_LIMIT } from './retry-policy';

/** A fetch implementation; the SDK passes a `Request` and an init holding the call's AbortSignal. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Where requests go unless `baseUrl` says otherwise. */
export const DEFAULT_BASE_URL = 'https://api.puchify.com';
/** Whole-call deadline, retries and waits included. */
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Longest wait the SDK accepts before a retry; one rate-limit window is 60 s. */
export const DEFAULT_MAX_RETRY_DELAY_MS = 60_000;
// setTimeout overflows past 2^31 - 1 ms and fires at once.
const MAX_TIMER_MS = 2_147_483_647;
// What an HTTP header value may hold without the platform refusing or altering it.
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** Options of `new Puchify()`. */
export interface PuchifyOptions {
  /**
   * Secret API key sent as `Authorization: Bearer`.
   * @default process.env.PUCHIFY_API_KEY where an environment exists
   */
  apiKey?: string | undefined;
  /**
   * Origin of the API, without `/api/v1`, credentials, query or fragment; a path
   * prefix of a gateway in front of it is kept.
   * @default 'https://api.puchify.com'
   */
  baseUrl?: string | undefined;
  /**
   * Deadline in milliseconds for one call, all retries and waits included.
   * @default 120000
   */
  timeout?: number | undefined;
  /**
   * Retries after the first attempt, 0 to 10.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Longest wait in milliseconds the SDK accepts before a retry. A longer wait
   * (a rate-limit window far off) fails at once with a RateLimitError that says when
   * to retry.
   * @default 60000
   */
  maxRetryDelay?: number | undefined;
  /**
   * fetch implementation to use, e.g. for a proxy agent or tests.
   * @default globalThis.fetch, looked up at each request
   */
  fetch?: FetchLike | undefined;
  /**
   * Receives debug lines; nothing is logged unless `logLevel` is also set.
   * @example new Puchify({ logger: console, logLevel: 'debug' })
   */
  logger?: Logger | undefined;
  /**
   * How much goes to `logger`.
   * @default 'off'
   */
  logLevel?: LogLevel | undefined;
  /** Callbacks observing each request, answer, retry and final error. */
  hooks?: Hooks | undefined;
  /**
   * Request and response middleware, run on every attempt in the order given. The
   * protocol is openapi-fetch's, so its middleware works here unchanged.
   */
  middleware?: Middleware[] | undefined;
  /**
   * Allows a secret API key in a web page, where every visitor can read it. Only
   * for internal tools whose users own the key anyway.
   * @default false
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** Options every method accepts as its last argument. */
export interface RequestOptions {
  /** Ends the call, including any wait between retries, as soon as it aborts. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeout` for this call, in milliseconds. */
  timeout?: number | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
  /**
   * Idempotency-Key for a POST, 1 to 255 visible ASCII characters; the SDK
   * generates one per call when absent. Pass your own to make a retry after a
   * crash of your process safe as well.
   */
  idempotencyKey?: string | undefined;
}

/** Options after defaults and checks; what the transport runs on. */
export interface ClientConfig {
  apiKey: string | undefined;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  maxRetryDelayMs: number;
  fetch: FetchLike;
  log: Log;
  hooks: Hooks;
  middleware: Middleware[];
  credentials: RequestCredentials | undefined;
}

/** What the options depend on in the runtime; tests pass their own. */
export interface Runtime {
  isBrowser: boolean;
  readEnv(name: string): string | undefined;
}

const DETECTED: Runtime = { isBrowser: isBrowser(), readEnv };

/**
 * Applies defaults and rejects misuse before any request goes out, with a
 * TypeError or RangeError naming the option.
 */
export function resolveClientOptions(
  options: PuchifyOptions = {},
  runtime: Runtime = DETECTED,
): ClientConfig {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('new Puchify() takes an options object, e.g. { apiKey }.');
  }
  const inBrowser = runtime.isBrowser;
  const apiKey = resolveApiKey(options, runtime);
  const logLevel = options.logLevel ?? 'off';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new RangeError(
      `The logLevel option takes one of ${LOG_LEVELS.join(', ')}; received ${show(logLevel)}.`,
    );
  }
  return {
    apiKey,
    baseUrl: resolveBaseUrl(options.baseUrl),
    timeoutMs: checkTimeout(options.timeout) ?? DEFAULT_TIMEOUT_MS,
    maxRetries: checkMaxRetries(options.maxRetries) ?? DEFAULT_MAX_RETRIES,
    maxRetryDelayMs:
      checkInteger('maxRetryDelay', options.maxRetryDelay, 0, MAX_TIMER_MS) ??
      DEFAULT_MAX_RETRY_DELAY_MS,
    fetch: checkFunction('fetch', options.fetch) ?? globalFetch,
    log: new Log(checkLogger(options.logger), logLevel, apiKey),
    hooks: checkHooks(options.hooks),
    middleware: checkMiddleware(options.middleware),
    // Without a key, a page relies on the session cookie of the Puchify dashboard.
    credentials: inBrowser && apiKey === undefined ? 'include' : undefined,
  };
}

/** Checks the per-call options; same rules and messages as the client's. */
export function checkRequestOptions(options: RequestOptions | undefined): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `The options argument takes an object such as { timeout }; received ${show(options)}.`,
    );
  }
  checkTimeout(options.timeout);
  checkMaxRetries(options.maxRetries);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new TypeError(
      `The signal option takes an AbortSignal; received ${show(options.signal)}.`,
    );
  }
  // Checked here, because fetch would refuse a CR, LF or non-Latin-1 character only
  // once the call is under way, and quote the value in its error.
  const key = options.idempotencyKey;
  if (key !== undefined && (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key))) {
    throw new TypeError(
      `The idempotencyKey option takes 1 to 255 visible ASCII characters; received ${show(key)}.`,
    );
  }
}

// Looked up per request, so MSW or a polyfill installed after construction still applies.
const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

function resolveApiKey(options: PuchifyOptions, runtime: Runtime): string | undefined {
  const inBrowser = runtime.isBrowser;
  const apiKey = options.apiKey ?? (inBrowser ? undefined : runtime.readEnv('PUCHIFY_API_KEY'));
  // Only visible ASCII can go into an Authorization header. Anything else would
  // fail inside fetch on every attempt, quoting the header (and so the key).
  if (apiKey !== undefined && (typeof apiKey !== 'string' || !VISIBLE_ASCII.test(apiKey))) {
    // The value itself is a secret, so only its type reaches the message.
    throw new TypeError(
      'The apiKey option takes visible ASCII characters only, with no space or control ' +
        `character; received ${typeLabel(apiKey)}.`,
    );
  }
  if (apiKey !== undefined && inBrowser && options.dangerouslyAllowBrowser !== true) {
    throw new TypeError(
      'An apiKey in a web page is readable by every visitor. Call the API from your ' +
        'server, rely on the dashboard session cookie by leaving apiKey out, or set ' +
        'dangerouslyAllowBrowser: true if the page is an internal tool.',
    );
  }
  if (apiKey === undefined && !inBrowser) {
    throw new TypeError(
      'No API key: pass the apiKey option to new Puchify() or set PUCHIFY_API_KEY.',
    );
  }
  return apiKey;
}

function resolveBaseUrl(baseUrl: string | undefined): string {
  if (baseUrl === undefined) return DEFAULT_BASE_URL;
  let url: URL | undefined;
  try {
    url = typeof baseUrl === 'string' ? new URL(baseUrl) : undefined;
  } catch {
    url = undefined;
  }
  // Each of these would send requests somewhere other than meant: fetch refuses
  // credentials in a URL, drops a fragment, and the SDK appends /api/v1 itself,
  // which a doubled slash or a dot segment would move elsewhere.
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.username ||
    url.password ||
    /[?#]/.test(url.href) ||
    /\/api\/v1(\/|$)|\/\/[^/]/i.test(url.pathname) ||
    /[\\/](\.|%2e){1,2}([\\/]|$)/i.test(baseUrl as string)
  ) {
    // A value holding an @ or a control character may hide a password in some
    // spelling, so it is not quoted at all.
    const shown = /[@\0-\x1f\x7f]/.test(String(baseUrl))
      ? 'a URL that may hold credentials'
      : show(baseUrl);
    throw new TypeError(
      'The baseUrl option takes the origin of the API as an http(s) URL, without ' +
        'credentials, query, fragment, dot segments, inner // or /api/v1, such as ' +
        `${DEFAULT_BASE_URL}; received ${shown}.`,
    );
  }
  return (url as URL).href.replace(/\/+$/, '');
}

function checkTimeout(value: number | undefined): number | undefined {
  return checkInteger('timeout', value, 1, MAX_TIMER_MS);
}

function checkMaxRetries(value: number | undefined): number | undefined {
  return checkInteger('maxRetries', value, 0, MAX_RETRIES_LIMIT);
}

function checkInteger(name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const expected = `The ${name} option takes an integer from ${min} to ${max}`;
  if (typeof value !== 'number') throw new TypeError(`${expected}; received ${show(value)}.`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${expected}; received ${show(value)}.`);
  }
  return value;
}

function checkFunction<F>(name: string, value: F | undefined): F | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw new TypeError(`The ${name} option takes a function; received ${show(value)}.`);
  }
  return value;
}

function checkLogger(logger: Logger | undefined): Logger | undefined {
  if (logger === undefined) return undefined;
  const missing = (['debug', 'info', 'warn', 'error'] as const).filter(
    (level) => typeof logger?.[level] !== 'function',
  );
  if (missing.length > 0) {
    throw new TypeError(
      `The logger option needs debug, info, warn and error methods; missing ${missing.join(', ')}.`,
    );
  }
  return logger;
}

function checkMiddleware(middleware: Middleware[] | undefined): Middleware[] {
  if (middleware === undefined) return [];
  const wanted = 'The middleware option takes an array of middleware';
  if (!Array.isArray(middleware)) throw new TypeError(`${wanted}; received ${show(middleware)}.`);
  // Array.from: a hole in the array counts as an entry, and the copy keeps out entries
  // added to the caller's array later, which would skip these checks.
  return Array.from(middleware, (entry: Middleware | null | undefined, index) => {
    const record = entry as Record<string, unknown> | null | undefined;
    const hooks = MIDDLEWARE_HOOKS.filter((hook) => record?.[hook] !== undefined);
    const wrong = hooks.find((hook) => typeof record?.[hook] !== 'function');
    if (!hooks.length || wrong) {
      throw new TypeError(
        `${wanted}, objects with an onRequest, onResponse or onError method; entry ${index} ` +
          (wrong ? `has ${wrong} set to ${show(record?.[wrong])}.` : 'has none.'),
      );
    }
    return entry as Middleware;
  });
}

function checkHooks(hooks: Hooks | undefined): Hooks {
  if (hooks === undefined) return {};
  if (typeof hooks !== 'object' || hooks === null) {
    throw new TypeError(`The hooks option takes an object of functions; received ${show(hooks)}.`);
  }
  for (const name of ['onRequest', 'onResponse', 'onRetry', 'onError'] as const) {
    checkFunction(`hooks.${name}`, hooks[name]);
  }
  return hooks;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeLabel(value);
}

function typeLabel(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
}
