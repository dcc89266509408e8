import createClient from 'openapi-fetch';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveClientOptions, type PuchifyOptions } from '../../src/core/client-options';
import {
  ApiError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  RequestAbortedError,
  ServerError,
  TimeoutError,
} from '../../src/core/errors';
import { encodePathParam } from '../../src/core/path-params';
import { Transport, type ApiRequest } from '../../src/core/transport';
import { API_KEY, META, apiError, json, scriptedFetch, type Reply } from './fake-fetch';

const node = { isBrowser: false, readEnv: () => undefined };
const OK = () => json(200, { data: { id: 'svr_9', status: 'running' }, meta: META });
const GET: ApiRequest = { method: 'GET', path: '/api/v1/servers/svr_9' };

function setup(replies: Reply[], options: PuchifyOptions = {}) {
  const fetch = scriptedFetch(...replies);
  const transport = new Transport(
    resolveClientOptions({ apiKey: API_KEY, fetch, ...options }, node),
  );
  return { fetch, transport };
}

/** Starts a call and keeps its outcome, so a rejection is never unhandled. */
function start<T>(promise: Promise<T>) {
  const outcome = promise.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return outcome;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(Date.parse('2030-01-01T00:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Transport requests', () => {
  it('sends the key as a Bearer token and asks for JSON', async () => {
    const { fetch, transport } = setup([OK()]);
    const body = await transport.request(GET);
    expect(body).toEqual({ data: { id: 'svr_9', status: 'running' }, meta: META });
    const [seen] = fetch.seen;
    expect(seen?.method).toBe('GET');
    expect(seen?.url.href).toBe('https://api.puchify.com/api/v1/servers/svr_9');
    expect(seen?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(seen?.headers.get('accept')).toBe('application/json');
    expect(seen?.headers.get('idempotency-key')).toBe(null);
  });

  it('serialises query parameters and skips undefined ones', async () => {
    const { fetch, transport } = setup([OK()]);
    await transport.request({
      ...GET,
      path: '/api/v1/servers',
      query: { status: 'running', limit: 10, cursor: undefined },
    });
    expect(fetch.seen[0]?.url.search).toBe('?status=running&limit=10');
  });

  it('sends a JSON body with its content type and an Idempotency-Key on POST', async () => {
    const { fetch, transport } = setup([json(201, { data: {}, meta: META })]);
    await transport.request({ method: 'POST', path: '/api/v1/servers', body: { name: 'web-1' } });
    const [seen] = fetch.seen;
    expect(seen?.body).toBe('{"name":"web-1"}');
    expect(seen?.headers.get('content-type')).toBe('application/json');
    expect(seen?.headers.get('idempotency-key')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('resolves to undefined for 204 No Content', async () => {
    const { transport } = setup([new Response(null, { status: 204 })]);
    expect(await transport.request({ ...GET, method: 'DELETE' })).toBe(undefined);
  });

  it('turns a 2xx body that is not JSON into an ApiError, not a SyntaxError', async () => {
    const html = new Response('<html>portal</html>', {
      status: 200,
      headers: { 'content-type': 'text/html' },
    });
    const { transport } = setup([html]);
    const { error } = await start(transport.request(GET));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(200);
    expect((error as Error).message).toBe(
      'GET /api/v1/servers/svr_9 returned 200 with a body that is not JSON (text/html). ' +
        'Check that the baseUrl option points at the Puchify API.',
    );
  });

  it('throws the mapped error for a failed answer, after no retries on 404', async () => {
    const { fetch, transport } = setup([
      apiError(404, 'server_not_found', 'Server svr_9 not found'),
    ]);
    const { error } = await start(transport.request(GET));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(fetch.seen).toHaveLength(1);
  });
});

describe('Transport path parameters', () => {
  it.each([
    ['../api-keys', '/api/v1/servers/..%2Fapi-keys'],
    ['a/b?c', '/api/v1/servers/a%2Fb%3Fc'],
    ['x#y', '/api/v1/servers/x%23y'],
    ['%2e%2e', '/api/v1/servers/%252e%252e'],
  ])('keeps id %j inside its path segment', async (id, pathname) => {
    const { fetch, transport } = setup([OK()]);
    await transport.request({
      method: 'GET',
      path: `/api/v1/servers/${encodePathParam(id, 'id')}`,
    });
    expect(fetch.seen[0]?.url.pathname).toBe(pathname);
    expect(fetch.seen[0]?.url.search).toBe('');
  });

  it.each(['.', '..', ''])('refuses the id %j before sending', (id) => {
    expect(() => encodePathParam(id, 'id')).toThrow(TypeError);
  });

  it.each(['\ud800', 'svr_\udc00x'])(
    'refuses id %j, holding a lone surrogate, with a TypeError naming it',
    (id) => {
      expect(() => encodePathParam(id, 'id')).toThrow(
        new TypeError('The id argument holds a lone UTF-16 surrogate, which a URL cannot carry.'),
      );
    },
  );

  it('sends a reply a fetch option returns without a promise', async () => {
    const reply = OK();
    const { transport } = setup([], { fetch: (() => reply) as never });
    await expect(
      transport.request({ method: 'GET', path: '/api/v1/servers' }),
    ).resolves.toBeDefined();
  });

  it.each([
    [undefined, 'a value of type undefined'],
    [null, 'null'],
    [{ ok: true }, 'a value of type object'],
  ])(
    'fails at once, without retrying, when the fetch option resolves to %o',
    async (value, shown) => {
      let calls = 0;
      const fetch = async () => {
        calls += 1;
        return value as unknown as Response;
      };
      const { transport } = setup([], { fetch, maxRetries: 3 });
      await expect(transport.request({ method: 'GET', path: '/api/v1/servers' })).rejects.toThrow(
        new TypeError(`The fetch option resolved to ${shown}, not a Response.`),
      );
      expect(calls).toBe(1);
    },
  );

  it('guards the case openapi-fetch leaves open: its own path serializer lets ".." climb', async () => {
    // Why encodePathParam exists: encodeURIComponent keeps dots, and URL parsing then
    // resolves the segment, so /servers/.. lands on /api/v1/.
    const fetch = scriptedFetch(OK());
    const bare = createClient<{
      '/api/v1/servers/{id}': { get: { parameters: { path: { id: string } } } };
    }>({
      baseUrl: 'https://api.puchify.com',
      fetch,
    });
    await bare.GET('/api/v1/servers/{id}', { params: { path: { id: '..' } } });
    expect(fetch.seen[0]?.url.pathname).toBe('/api/v1/');
  });
});

describe('Transport in a browser', () => {
  it('sends no Authorization and includes the session cookie without a key', async () => {
    const fetch = scriptedFetch(OK());
    const config = resolveClientOptions({ fetch }, { isBrowser: true, readEnv: () => undefined });
    await new Transport(config).request(GET);
    expect(fetch.seen[0]?.headers.get('authorization')).toBe(null);
    expect(fetch.seen[0]?.credentials).toBe('include');
  });
});

describe('Transport retries', () => {
  it('waits for Retry-After before the second attempt', async () => {
    const { fetch, transport } = setup([
      apiError(503, 'provider_unavailable', 'Down', { 'retry-after': '3' }),
      OK(),
    ]);
    const outcome = start(transport.request(GET));
    await vi.advanceTimersByTimeAsync(2999);
    expect(fetch.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.seen).toHaveLength(2);
    expect((await outcome).value).toMatchObject({ data: { id: 'svr_9' } });
  });

  it('waits until an HTTP-date Retry-After measured against the response Date', async () => {
    // The server's clock runs an hour behind ours; only the difference counts.
    const serverNow = Date.now() - 3_600_000;
    const headers = {
      date: new Date(serverNow).toUTCString(),
      'retry-after': new Date(serverNow + 5000).toUTCString(),
    };
    const { fetch, transport } = setup([apiError(429, 'rate_limited', 'Slow down', headers), OK()]);
    const outcome = start(transport.request(GET));
    await vi.advanceTimersByTimeAsync(4999);
    expect(fetch.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await outcome).value).toBeDefined();
    expect(fetch.seen).toHaveLength(2);
  });

  it('waits for X-RateLimit-Reset against the response Date on a 429 without Retry-After', async () => {
    const serverNow = Date.now() + 7_200_000;
    const headers = {
      date: new Date(serverNow).toUTCString(),
      'x-ratelimit-reset': String(serverNow / 1000 + 8),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-limit': '1000',
    };
    const { fetch, transport } = setup([apiError(429, 'rate_limited', 'Slow down', headers), OK()]);
    const outcome = start(transport.request(GET));
    await vi.advanceTimersByTimeAsync(7999);
    expect(fetch.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await outcome).value).toBeDefined();
  });

  it('falls back to jittered backoff when Retry-After is zero', async () => {
    const { fetch, transport } = setup([
      apiError(503, 'provider_unavailable', 'Down', { 'retry-after': '0' }),
      OK(),
    ]);
    const outcome = start(transport.request(GET));
    // The first backoff lies between 250 and 500 ms: never immediate.
    await vi.advanceTimersByTimeAsync(249);
    expect(fetch.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(251);
    expect(fetch.seen).toHaveLength(2);
    expect((await outcome).value).toBeDefined();
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const { fetch, transport } = setup([
      apiError(500, 'internal_error', 'Boom', { 'retry-after': '1' }),
    ]);
    const outcome = start(transport.request(GET));
    await vi.advanceTimersByTimeAsync(5000);
    const { error } = await outcome;
    expect(error).toBeInstanceOf(ServerError);
    expect(fetch.seen).toHaveLength(3);
  });

  it('makes one attempt with maxRetries 0, per client or per call', async () => {
    const client = setup([apiError(503, 'provider_unavailable', 'Down')], { maxRetries: 0 });
    expect((await start(client.transport.request(GET))).error).toBeInstanceOf(ServerError);
    expect(client.fetch.seen).toHaveLength(1);
    const perCall = setup([apiError(503, 'provider_unavailable', 'Down')]);
    const { error } = await start(
      perCall.transport.request({ ...GET, options: { maxRetries: 0 } }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(perCall.fetch.seen).toHaveLength(1);
  });

  it('retries a POST with the same Idempotency-Key and the same body bytes', async () => {
    const body = { name: 'web-1', tags: ['a', 'b'] };
    const { fetch, transport } = setup([
      apiError(503, 'provider_unavailable', 'Down', { 'retry-after': '1' }),
      new Error('socket hang up'),
      json(201, { data: {}, meta: META }),
    ]);
    const outcome = start(transport.request({ method: 'POST', path: '/api/v1/servers', body }));
    // Mutating the caller's object after the call started changes nothing on the wire.
    body.name = 'changed';
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await outcome).error).toBe(undefined);
    expect(fetch.seen).toHaveLength(3);
    const keys = new Set(fetch.seen.map((s) => s.headers.get('idempotency-key')));
    expect(keys.size).toBe(1);
    expect(fetch.seen.map((s) => s.body)).toEqual(
      Array(3).fill('{"name":"web-1","tags":["a","b"]}'),
    );
  });

  it('uses the caller’s idempotencyKey', async () => {
    const { fetch, transport } = setup([json(201, { data: {}, meta: META })]);
    await transport.request({
      method: 'POST',
      path: '/api/v1/servers',
      body: {},
      options: { idempotencyKey: 'mine-1' },
    });
    expect(fetch.seen[0]?.headers.get('idempotency-key')).toBe('mine-1');
  });

  it.each([400, 401, 403, 409, 422])('does not retry %i', async (status) => {
    const { fetch, transport } = setup([apiError(status, 'x', 'No')]);
    await start(transport.request({ method: 'PATCH', path: '/api/v1/servers/svr_9', body: {} }));
    expect(fetch.seen).toHaveLength(1);
  });

  it('refuses a body JSON cannot carry, sending nothing and leaving no timer', async () => {
    const { fetch, transport } = setup([OK()]);
    const request = transport.request({
      method: 'POST',
      path: '/api/v1/servers',
      body: { name: 'a', disk_gb: Number.NaN },
    });
    await expect(request).rejects.toThrow(/body\.disk_gb is NaN/);
    expect(fetch.seen).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses an idempotencyKey fetch would reject, sending nothing', async () => {
    const { fetch, transport } = setup([OK()]);
    const request = transport.request({
      method: 'POST',
      path: '/api/v1/servers',
      body: {},
      options: { idempotencyKey: 'abc\r\nX-Evil: 1' },
    });
    await expect(request).rejects.toThrow(TypeError);
    expect(fetch.seen).toHaveLength(0);
  });

  it('retries network failures for GET and ends with a ConnectionError carrying the cause', async () => {
    const cause = Object.assign(new TypeError('fetch failed'), { code: 'ECONNREFUSED' });
    const { fetch, transport } = setup([cause]);
    const outcome = start(transport.request(GET));
    await vi.advanceTimersByTimeAsync(5000);
    const { error } = await outcome;
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      code: 'ECONNREFUSED',
    });
    expect(fetch.seen).toHaveLength(3);
  });

  it('fails at once with a RateLimitError when the wait exceeds maxRetryDelay', async () => {
    const { fetch, transport } = setup(
      [apiError(429, 'rate_limited', 'Slow down', { 'retry-after': '120' })],
      {
        maxRetryDelay: 60_000,
      },
    );
    const { error } = await start(transport.request(GET));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect((error as RateLimitError).retryAt?.getTime()).toBe(Date.now() + 120_000);
    expect(fetch.seen).toHaveLength(1);
  });
});

describe('Transport deadline and abort', () => {
  it('ends a call that outlasts timeout with a TimeoutError and aborts the request', async () => {
    const { fetch, transport } = setup(['hang'], { timeout: 5000 });
    const outcome = start(transport.request(GET));
    await vi.advanceTimersByTimeAsync(4999);
    expect(fetch.seen[0]?.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe(
      'GET /api/v1/servers/svr_9 did not finish within 5000ms, retries included. ' +
        'Raise the timeout option or retry later.',
    );
    expect(fetch.seen[0]?.signal.aborted).toBe(true);
  });

  it('counts retries against the same deadline', async () => {
    const down = apiError(503, 'provider_unavailable', 'Down', { 'retry-after': '3' });
    const { fetch, transport } = setup([down, 'hang'], { timeout: 5000 });
    const outcome = start(transport.request(GET));
    await vi.advanceTimersByTimeAsync(5000);
    expect((await outcome).error).toBeInstanceOf(TimeoutError);
    expect(fetch.seen).toHaveLength(2);
  });

  it('does not start a wait that would end past the deadline; it throws the cause', async () => {
    const down = apiError(503, 'provider_unavailable', 'Down', { 'retry-after': '10' });
    const { fetch, transport } = setup([down], { timeout: 5000 });
    const { error } = await start(transport.request(GET));
    expect(error).toBeInstanceOf(ServerError);
    expect(fetch.seen).toHaveLength(1);
  });

  it('ends a retry wait at once when the signal aborts', async () => {
    const controller = new AbortController();
    const down = apiError(503, 'provider_unavailable', 'Down', { 'retry-after': '30' });
    const { fetch, transport } = setup([down, OK()]);
    const outcome = start(transport.request({ ...GET, options: { signal: controller.signal } }));
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort(new Error('user left'));
    const { error } = await outcome;
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(((error as Error).cause as Error).message).toBe('user left');
    expect(fetch.seen).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { fetch, transport } = setup([OK()]);
    const { error } = await start(
      transport.request({ ...GET, options: { signal: AbortSignal.abort() } }),
    );
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(fetch.seen).toHaveLength(0);
  });

  it('aborts a request in flight when the signal aborts', async () => {
    const controller = new AbortController();
    const { fetch, transport } = setup(['hang']);
    const outcome = start(transport.request({ ...GET, options: { signal: controller.signal } }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect((await outcome).error).toBeInstanceOf(RequestAbortedError);
    expect(fetch.seen[0]?.signal.aborted).toBe(true);
  });

  it('leaves no timer behind after a call', async () => {
    const { transport } = setup([OK()]);
    await transport.request(GET);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('Transport rate-limit budget', () => {
  const window = (remaining: number, resetInS: number) => ({
    date: new Date(Date.now()).toUTCString(),
    'x-ratelimit-limit': '1000',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInS),
  });

  it('holds further requests until the reset once Remaining reaches 0', async () => {
    const { fetch, transport } = setup([
      json(200, { data: {}, meta: META }, window(0, 10)),
      json(200, { data: {}, meta: META }, window(999, 70)),
    ]);
    await transport.request(GET);
    const second = start(transport.request(GET));
    const third = start(transport.request(GET));
    await vi.advanceTimersByTimeAsync(9999);
    expect(fetch.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([second, third]);
    expect(fetch.seen).toHaveLength(3);
  });

  it('spends the known budget across concurrent requests', async () => {
    const { fetch, transport } = setup([
      json(200, { data: {}, meta: META }, window(2, 10)),
      json(200, { data: {}, meta: META }, window(1, 10)),
      json(200, { data: {}, meta: META }, window(0, 10)),
      json(200, { data: {}, meta: META }, window(999, 70)),
    ]);
    await transport.request(GET);
    const calls = [1, 2, 3, 4].map(() => start(transport.request(GET)));
    await vi.advanceTimersByTimeAsync(100);
    expect(fetch.seen).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(calls);
    expect(fetch.seen).toHaveLength(5);
  });

  it('fails without sending when the window resets later than maxRetryDelay', async () => {
    const { fetch, transport } = setup([json(200, { data: {}, meta: META }, window(0, 50))], {
      maxRetryDelay: 20_000,
    });
    await transport.request(GET);
    const { error } = await start(transport.request(GET));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(50_000);
    expect(fetch.seen).toHaveLength(1);
  });
});

describe('Transport with delay hints past the range of a Date', () => {
  const YEAR_MS = 366 * 86_400_000;
  const inAYear = () => new Date(Date.now() + YEAR_MS).toISOString();

  it.each([
    ['Retry-After', { 'retry-after': '99999999999999999999' }],
    ['X-RateLimit-Reset', { 'x-ratelimit-reset': '100000000000000000' }],
  ])('reads a huge %s on a 429 as a year and fails with a RateLimitError', async (_, headers) => {
    const { fetch, transport } = setup([apiError(429, 'rate_limited', 'Slow down', headers)]);
    const { error } = await start(transport.request(GET));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(YEAR_MS);
    expect((error as RateLimitError).retryAt?.toISOString()).toBe(inAYear());
    expect((error as Error).message).toContain(`Retry after ${inAYear()} (in 31622400s)`);
    expect(fetch.seen).toHaveLength(1);
  });

  it('fails the next call with a RateLimitError after a huge reset on a spent budget', async () => {
    const { fetch, transport } = setup([
      json(
        200,
        { data: {}, meta: META },
        {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': '100000000000000000',
        },
      ),
    ]);
    await transport.request(GET);
    const { error } = await start(transport.request(GET));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toBe(
      "GET /api/v1/servers/svr_9 was not sent: this client's rate-limit budget is spent for " +
        `${YEAR_MS}ms, longer than maxRetryDelay (60000ms). Retry after ${inAYear()} ` +
        '(in 31622400s) or lower the request rate.',
    );
    expect(fetch.seen).toHaveLength(1);
  });
});
