/**
 * One attempt on the wire: build the Request, run the middleware around fetch, read
 * the answer. The retry, deadline and error rules live in the transport; this module
 * only tells the caller's own failures (a middleware, a hook, a fetch option that
 * throws or returns the wrong thing: thrown as they are) from the network's (returned,
 * so the transport may retry them).
 *
 * Middleware follows openapi-fetch's protocol, so middleware written for it plugs in
 * unchanged: `onRequest` runs in the order given and may return a new Request, or a
 * Response that answers in place of the network (no `onResponse` then); `onError` and
 * `onResponse` run in reverse order, and may return a Response (or, from `onError`,
 * another Error).
 */
import { randomId } from '../internal/random-id';
import type { ClientConfig, FetchLike } from './client-options';

/** What each middleware callback receives. */
export interface MiddlewareParams {
  /** The attempt's Request; headers may be changed in place. */
  request: Request;
  /** The request path, parameters filled in, e.g. `/api/v1/servers/svr_9`. */
  readonly schemaPath: string;
  /** The query as the call passed it. */
  readonly params: { query?: Record<string, unknown> };
  /** Random, one per attempt. */
  readonly id: string;
  /** The client's settings: `parseAs` is `'text'`, or `'stream'` for `logs.tail()`. */
  readonly options: { baseUrl: string; parseAs: string; fetch: FetchLike };
}

// Parameters checked both ways, as for a method: openapi-fetch's own middleware type asks
// for more in `options` (its serializers) than this client hands over, and should still fit.
type Hook<Params> = { method(params: Params): unknown }['method'];

/**
 * Request and response middleware, run on every attempt (retries included).
 * Each hook may be async.
 */
export interface Middleware {
  /** Returns a Request to send instead, or a Response to answer without sending. */
  onRequest?: Hook<MiddlewareParams> | undefined;
  /** Returns a Response to use instead. */
  onResponse?: Hook<MiddlewareParams & { response: Response }> | undefined;
  /** For a fetch that rejected: returns a Response to use, or an Error to fail with. */
  onError?: Hook<MiddlewareParams & { error: unknown }> | undefined;
}

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
  /** Given to fetch in its init rather than on the Request: see send(). */
  signal: AbortSignal;
  /** Sees the final Request before it goes out; stops it by throwing or rejecting. */
  beforeSend(request: Request): unknown;
}

/**
 * Runs one attempt. Resolves to the answer, or to `{ failed }` when the network
 * failed (fetch or reading the body rejected, and no `onError` answered instead).
 * Rejects with the caller's own error when a middleware, hook or the request itself
 * cannot be built.
 */
export async function exchange(
  { baseUrl, fetch, middleware }: Pick<ClientConfig, 'baseUrl' | 'fetch' | 'middleware'>,
  step: Exchange,
): Promise<Answer | { failed: unknown }> {
  let request = new Request(step.url, step.init);
  let response: Response | undefined;
  const shared = middleware.length
    ? {
        schemaPath: step.path,
        params: step.query ? { query: step.query as Record<string, unknown> } : {},
        id: randomId(),
        options: { baseUrl, parseAs: step.parseAs, fetch },
      }
    : undefined;
  for (const [index, entry] of middleware.entries()) {
    const result: unknown = await entry.onRequest?.({ ...shared!, request });
    if (result instanceof Request) request = result;
    else if (result instanceof Response) {
      response = result;
      break;
    } else refuseResult(result, index, 'onRequest', 'a Request or a Response');
  }
  if (!response) {
    try {
      response = await send(request, step, fetch);
    } catch (thrown) {
      if (thrown instanceof CallerFailure) throw thrown.error;
      let failure: unknown = thrown;
      for (let index = middleware.length - 1; index >= 0 && !response; index -= 1) {
        const result: unknown = await middleware[index]!.onError?.({
          ...shared!,
          request,
          error: failure,
        });
        if (result instanceof Response) response = result;
        else if (result instanceof Error) failure = result;
        else refuseResult(result, index, 'onError', 'a Response or an Error');
      }
      if (!response) return { failed: failure };
    }
    for (let index = middleware.length - 1; index >= 0; index -= 1) {
      const result: unknown = await middleware[index]!.onResponse?.({
        ...shared!,
        request,
        response,
      });
      if (result instanceof Response) response = result;
      else refuseResult(result, index, 'onResponse', 'a Response');
    }
  }
  try {
    return { response, body: await readBody(response, step.parseAs) };
  } catch (thrown) {
    return { failed: thrown };
  }
}

/** A failure of the caller's own code on the way to fetch, which no middleware may hide. */
class CallerFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Runs the request hook and fetch. The signal rides in the init rather than on the
 * Request: fetch builds its own Request from (input, init) anyway, and following a
 * signal once instead of twice is measurably cheaper per request.
 */
async function send(request: Request, step: Exchange, fetch: FetchLike): Promise<Response> {
  try {
    const pending = step.beforeSend(request);
    // Only an async hook is waited for; the usual attempt spends no tick on it.
    if (typeof (pending as PromiseLike<unknown> | undefined)?.then === 'function') await pending;
  } catch (error) {
    throw new CallerFailure(error);
  }
  const response = await fetch(request, { signal: step.signal });
  // A fetch option that answers with something else is a mistake in the caller's
  // code, not a network failure: it goes to the caller at once, not retried.
  if (typeof response?.status !== 'number' || typeof response.headers !== 'object') {
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
 * API takes is a string, number or boolean; undefined and null are left out. Anything
 * else is refused with a TypeError naming the parameter: sent, it would arrive as
 * `[object Object]` or `a,b`.
 */
export function queryString(query: object | undefined): string {
  let out = '';
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (!/^(string|number|boolean)$/.test(typeof value)) {
      const shown = Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
      throw new TypeError(
        `The ${name} query parameter takes a string, number or boolean; received ${shown}.`,
      );
    }
    out += `${out ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  }
  return out;
}
