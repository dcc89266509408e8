/**
 * One attempt on the wire: build the Request, run the middleware around fetch, read
 * the answer. The retry, deadline and error rules live in the transport; this module
 * only tells the caller's own failures (a middleware, the onRequest hook or the fetch
 * option that throws, or gives back something unusable: thrown as they are) from the
 * network's (returned, so the transport may retry them).
 *
 * Middleware follows openapi-fetch's protocol, so middleware written for it plugs in
 * unchanged: `onRequest` runs in the order given and may return a new Request, or a
 * Response that answers in place of the network (no `onResponse` then); `onError` and
 * `onResponse` run in reverse order, and may return a Response (or, from `onError`,
 * another Error, which then fails the call as it is).
 */
import { randomId } from '../internal/random-id';
import type { ClientConfig, FetchLike } from './client-options';

/** The client's settings as middleware sees them, in openapi-fetch's shape. */
export interface MiddlewareOptions {
  readonly baseUrl: string;
  /** `'text'`, or `'stream'` for `logs.tail()`. */
  readonly parseAs: string;
  readonly fetch: FetchLike;
  /** Serialises a query the way the client does, without the `?`. */
  querySerializer(query: Record<string, unknown>): string;
  bodySerializer(body: unknown): string;
  /** Fills `{name}` placeholders with their percent-encoded parameters. */
  pathSerializer(pathname: string, params: Record<string, unknown>): string;
}

/** What each middleware callback receives. */
export interface MiddlewareParams {
  /**
   * The attempt's Request, carrying the call's AbortSignal; headers may be changed in
   * place.
   */
  request: Request;
  /** The request path with its parameters filled in, e.g. `/api/v1/servers/svr_9`. */
  readonly schemaPath: string;
  /** The query as the call passed it. */
  readonly params: { query?: Record<string, unknown> };
  /** Random, new for every attempt. */
  readonly id: string;
  readonly options: MiddlewareOptions;
}

// Parameters checked both ways, as for a method: a middleware typed with openapi-fetch's
// own types (whose `parseAs` and `fetch` are wider than this client's) still fits, and
// one typed with these fits where openapi-fetch wants one.
type Hook<Params, Result> = {
  method(params: Params): Result | undefined | void | Promise<Result | undefined | void>;
}['method'];

/** The hooks a middleware may have; each may be async. */
export interface MiddlewareHooks {
  /** Returns a Request to send instead, or a Response to answer without sending. */
  onRequest?: Hook<MiddlewareParams, Request | Response>;
  /** Returns a Response to use instead. */
  onResponse?: Hook<MiddlewareParams & { response: Response }, Response>;
  /** For a fetch that rejected: returns a Response to use, or an Error to fail with. */
  onError?: Hook<MiddlewareParams & { error: unknown }, Response | Error>;
}

/** Request and response middleware, run on every attempt (retries included): at least one hook. */
export type Middleware =
  | (MiddlewareHooks & Required<Pick<MiddlewareHooks, 'onRequest'>>)
  | (MiddlewareHooks & Required<Pick<MiddlewareHooks, 'onResponse'>>)
  | (MiddlewareHooks & Required<Pick<MiddlewareHooks, 'onError'>>);

/** The hook names a middleware entry needs at least one of. */
export const MIDDLEWARE_HOOKS = ['onRequest', 'onResponse', 'onError'] as const;

/** How an attempt ended when fetch answered. */
export interface Answer {
  response: Response;
  /**
   * A 2xx body: its text (`undefined` when empty), or its stream when one was asked
   * for. Any other body: parsed JSON, else its text, else `undefined` when empty.
   */
  body: unknown;
}

/** One attempt, as the transport prepared it. */
export interface Exchange {
  /** Full URL, query included. */
  url: string;
  init: RequestInit;
  path: string;
  query: object | undefined;
  parseAs: 'text' | 'stream';
  /** The call's signal: given to fetch in its init, and set on the Request middleware sees. */
  signal: AbortSignal;
  /** Sees the final Request before it goes out; stops it by throwing or rejecting. */
  beforeSend(request: Request): unknown;
  /** Set once fetch is called: whether the attempt spent any of the rate limit. */
  sent?: boolean;
}

/** A failure of the caller's own code, which no onError middleware may turn into an answer. */
class CallerFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Runs one attempt. Resolves to the answer, or to `{ failed }` when the network
 * failed (fetch or reading the body rejected, and no `onError` answered instead).
 * Rejects with the caller's own error when a middleware, the hook, the fetch option or
 * the Request itself fails.
 */
export async function exchange(
  config: Pick<ClientConfig, 'baseUrl' | 'fetch' | 'middleware'>,
  step: Exchange,
): Promise<Answer | { failed: unknown }> {
  const { middleware } = config;
  // Middleware may hand the Request to a fetch of its own, which should stop with the
  // call; without middleware, fetch follows the signal in its init alone, which is
  // measurably cheaper than following it twice.
  let request = new Request(
    step.url,
    middleware.length ? { ...step.init, signal: step.signal } : step.init,
  );
  let response: Response | undefined;
  const shared = middleware.length ? middlewareParams(config, step) : undefined;
  // Once the call is over (its deadline, the caller's signal), no more middleware runs.
  for (const [index, entry] of middleware.entries()) {
    step.signal.throwIfAborted();
    const result: unknown = await entry.onRequest?.({ ...shared!, request });
    if (result instanceof Request) request = result;
    else if (result instanceof Response) {
      response = result;
      break;
    } else refuseResult(result, index, 'onRequest', 'a Request or a Response');
  }
  if (!response) {
    if (middleware.length && (request.bodyUsed || request.body?.locked)) {
      throw usedBody('request');
    }
    try {
      // With middleware, the Request's own signal counts: it follows the call's, and a
      // middleware may have added one of its own, as openapi-fetch lets it.
      const signal = middleware.length ? request.signal : step.signal;
      response = await send(request, step, config.fetch, signal);
    } catch (thrown) {
      if (thrown instanceof CallerFailure) throw thrown.error;
      let failure: unknown = thrown;
      let decided = false;
      for (let index = middleware.length - 1; index >= 0 && !response; index -= 1) {
        step.signal.throwIfAborted();
        const result: unknown = await middleware[index]!.onError?.({
          ...shared!,
          request,
          error: failure,
        });
        if (result instanceof Response) response = result;
        else if (result instanceof Error) [failure, decided] = [result, true];
        else refuseResult(result, index, 'onError', 'a Response or an Error');
      }
      // An Error a middleware returned, even the one it was given, is its decision to
      // fail the call, as in openapi-fetch: not a network failure to retry.
      if (!response && decided) throw failure;
      if (!response) return { failed: failure };
    }
    for (let index = middleware.length - 1; index >= 0; index -= 1) {
      step.signal.throwIfAborted();
      const result: unknown = await middleware[index]!.onResponse?.({
        ...shared!,
        request,
        response,
      });
      if (result instanceof Response) response = result;
      else refuseResult(result, index, 'onResponse', 'a Response');
    }
  }
  // Reading it again would fail like a dropped connection, and be retried as one.
  // `body` is looked at only after middleware: in Node, reading it builds a stream
  // that a plain text() would not need.
  if (response.bodyUsed || (middleware.length && response.body?.locked)) {
    throw usedBody('answer');
  }
  try {
    return { response, body: await readBody(response, step.parseAs) };
  } catch (thrown) {
    return { failed: thrown };
  }
}

function usedBody(what: string): TypeError {
  return new TypeError(
    `The ${what}'s body was already read by a middleware or the fetch option. ` +
      'A middleware that reads a body should read a clone() of it.',
  );
}

// The options middleware sees depend only on the client and parseAs: made once each.
const optionsMade = new WeakMap<object, Record<string, MiddlewareOptions>>();

function middlewareParams(
  config: Pick<ClientConfig, 'baseUrl' | 'fetch'>,
  { path, query, parseAs }: Exchange,
): Omit<MiddlewareParams, 'request'> {
  let made = optionsMade.get(config);
  if (!made) optionsMade.set(config, (made = {}));
  made[parseAs] ??= Object.freeze({
    baseUrl: config.baseUrl,
    parseAs,
    fetch: config.fetch,
    querySerializer: (value) => queryString(value).slice(1),
    bodySerializer: (body) => JSON.stringify(body),
    pathSerializer: (pathname, params) =>
      pathname.replace(/\{([^{}]+)\}/g, (whole, name: string) =>
        name in params ? encodeURIComponent(String(params[name])) : whole,
      ),
  } satisfies MiddlewareOptions);
  return {
    schemaPath: path,
    params: query ? { query: query as Record<string, unknown> } : {},
    id: randomId(),
    options: made[parseAs],
  };
}

/** Runs the request hook, then fetch with `signal` in the init. */
async function send(
  request: Request,
  step: Exchange,
  fetch: FetchLike,
  signal: AbortSignal,
): Promise<Response> {
  let pending: unknown;
  try {
    step.signal.throwIfAborted();
    pending = step.beforeSend(request);
    // Only an async hook is waited for; the usual attempt spends no tick on it.
    if (typeof (pending as PromiseLike<unknown> | undefined)?.then === 'function') await pending;
    step.signal.throwIfAborted();
    // A real fetch never throws synchronously: one that does has a bug of its own.
    step.sent = true;
    pending = fetch(request, { signal });
  } catch (error) {
    throw new CallerFailure(error);
  }
  const response = (await pending) as Response | null | undefined;
  // A fetch option that answers with something else is a mistake in the caller's
  // code, not a network failure: it goes to the caller at once, not retried.
  if (
    typeof response?.status !== 'number' ||
    typeof response.headers?.get !== 'function' ||
    typeof response.text !== 'function'
  ) {
    const shown = response === null ? 'null' : `a value of type ${typeof response}`;
    throw new CallerFailure(
      new TypeError(`The fetch option resolved to ${shown}, not a Response.`),
    );
  }
  return response;
}

// Any falsy value means "nothing", as in openapi-fetch: `cond && request` keeps working.
function refuseResult(result: unknown, index: number, hook: string, wanted: string): void {
  if (result) {
    throw new TypeError(
      `middleware[${index}].${hook} returned a value of type ${typeof result}; ` +
        `it may return ${wanted}, or nothing.`,
    );
  }
}

async function readBody(response: Response, parseAs: 'text' | 'stream'): Promise<unknown> {
  const { ok } = response;
  if (ok && parseAs === 'stream') return response.body;
  const text = await response.text();
  if (text === '') return undefined;
  if (ok) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The query string of a call, `?` included, or '' without parameters. Every value the
 * API takes is a string, a finite number or a boolean; undefined and null are left out.
 * Anything else is refused with a TypeError naming the parameter: sent, it would
 * arrive as `[object Object]`, `a,b` or `NaN`.
 */
export function queryString(query: object | undefined): string {
  let out = '';
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    const type = typeof value;
    let problem =
      type === 'number' && !Number.isFinite(value)
        ? String(value)
        : /^(string|number|boolean)$/.test(type)
          ? ''
          : Array.isArray(value)
            ? 'an array'
            : `a value of type ${type}`;
    if (!problem) {
      try {
        out += `${out ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
      } catch {
        // URIError: a lone surrogate (half of an emoji, say) has no UTF-8 form for a URL.
        problem = 'a lone UTF-16 surrogate';
      }
    }
    if (problem) {
      throw new TypeError(
        `The ${name} query parameter takes a string, finite number or boolean; ` +
          `received ${problem}.`,
      );
    }
  }
  return out;
}
