import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveClientOptions, type PuchifyOptions } from '../../src/core/client-options';
import { ConnectionError, NotFoundError, RequestAbortedError } from '../../src/core/errors';
import type { FailureEvent, RequestEvent, ResponseEvent, RetryEvent } from '../../src/core/hooks';
import type { Logger } from '../../src/core/logger';
import { Transport } from '../../src/core/transport';
import { API_KEY, META, apiError, json, scriptedFetch, type Reply } from './fake-fetch';

const node = { isBrowser: false, readEnv: () => undefined };
const GET = { method: 'GET', path: '/api/v1/servers/svr_9' } as const;

function recordingLogger() {
  const lines: string[] = [];
  const logger: Logger = {
    debug: (m) => lines.push(`debug ${m}`),
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
  return { logger, lines };
}

function setup(replies: Reply[], options: PuchifyOptions = {}) {
  const fetch = scriptedFetch(...replies);
  return new Transport(resolveClientOptions({ apiKey: API_KEY, fetch, ...options }, node));
}

const unavailable = () =>
  apiError(503, 'provider_unavailable', 'Down', {
    'retry-after': '1.2',
    'x-request-id': 'req_5a0',
  });
const ok = () => json(200, { data: {}, meta: META }, { 'x-request-id': 'req_5a1' });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('logging', () => {
  it('writes nothing by default, even with a logger', async () => {
    const { logger, lines } = recordingLogger();
    const transport = setup([unavailable(), ok()], { logger });
    const call = transport.request(GET);
    await vi.advanceTimersByTimeAsync(1200);
    await call;
    expect(lines).toEqual([]);
  });

  it('logs each retry at info with attempt, delay and request id', async () => {
    const { logger, lines } = recordingLogger();
    const transport = setup([unavailable(), ok()], { logger, logLevel: 'info' });
    const call = transport.request(GET);
    await vi.advanceTimersByTimeAsync(1200);
    await call;
    expect(lines).toEqual([
      'info [puchify] GET /api/v1/servers/svr_9 got 503; attempt 2 of 3 in 1200ms (request req_5a0)',
    ]);
  });

  it('logs every answer at debug and the final failure at warn', async () => {
    const { logger, lines } = recordingLogger();
    const transport = setup(
      [apiError(404, 'server_not_found', 'Gone', { 'x-request-id': 'req_1' })],
      {
        logger,
        logLevel: 'debug',
      },
    );
    await transport.request(GET).catch(() => undefined);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^debug \[puchify\] GET \/api\/v1\/servers\/svr_9 got 404 in \d+ms; attempt 1 of 3 \(request req_1\)$/,
    );
    expect(lines[1]).toBe(
      'warn [puchify] GET /api/v1/servers/svr_9 returned 404 (request req_1): Gone. ' +
        'Check the server id.',
    );
  });
});

describe('hooks', () => {
  it('passes plain objects for request, response, retry and error', async () => {
    const events: {
      requests: RequestEvent[];
      responses: ResponseEvent[];
      retries: RetryEvent[];
      errors: FailureEvent[];
    } = { requests: [], responses: [], retries: [], errors: [] };
    const transport = setup([unavailable(), apiError(404, 'server_not_found', 'Gone')], {
      hooks: {
        onRequest: (e) => events.requests.push(e),
        onResponse: (e) => events.responses.push(e),
        onRetry: (e) => events.retries.push(e),
        onError: (e) => events.errors.push(e),
      },
    });
    const call = transport.request(GET).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1200);
    const error = await call;
    expect(events.requests.map((e) => [e.attempt, e.maxAttempts, e.url])).toEqual([
      [1, 3, 'https://api.puchify.com/api/v1/servers/svr_9'],
      [2, 3, 'https://api.puchify.com/api/v1/servers/svr_9'],
    ]);
    expect(events.requests[0]?.headers['authorization']).toBe('[redacted]');
    expect(events.responses.map((e) => [e.status, e.requestId])).toEqual([
      [503, 'req_5a0'],
      [404, 'req_test'],
    ]);
    expect(events.retries).toHaveLength(1);
    expect(events.retries[0]).toMatchObject({ attempt: 1, delayMs: 1200, requestId: 'req_5a0' });
    expect(events.errors).toHaveLength(1);
    expect(events.errors[0]?.error).toBe(error);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(JSON.stringify(events)).not.toContain(API_KEY);
  });

  it('never puts the API key in a log line', async () => {
    const { logger, lines } = recordingLogger();
    const echo = apiError(401, 'unauthorized', `Bad key Bearer ${API_KEY}`);
    const transport = setup([echo], { logger, logLevel: 'debug' });
    await transport.request(GET).catch(() => undefined);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(API_KEY);
  });
});

describe('hooks that fail', () => {
  let warnings: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => {
    warnings.mockRestore();
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('not allowed now');
      },
    ],
    [
      'rejects',
      async () => {
        throw new Error('not allowed now');
      },
    ],
  ])(
    'fails the call as it is when onRequest %s, sending nothing and not retrying',
    async (_, onRequest) => {
      const fetch = scriptedFetch(ok());
      const transport = new Transport(
        resolveClientOptions({ apiKey: API_KEY, fetch, hooks: { onRequest } }, node),
      );
      await expect(transport.request(GET)).rejects.toThrow(new Error('not allowed now'));
      expect(fetch.seen).toHaveLength(0);
      expect(warnings).not.toHaveBeenCalled();
    },
  );

  it('sends only once an async onRequest has settled', async () => {
    const order: string[] = [];
    const fetch = scriptedFetch(ok());
    const transport = new Transport(
      resolveClientOptions(
        {
          apiKey: API_KEY,
          fetch: (input, init) => {
            order.push('fetch');
            return fetch(input, init);
          },
          hooks: {
            onRequest: async () => {
              await Promise.resolve();
              order.push('hook done');
            },
          },
        },
        node,
      ),
    );
    await transport.request(GET);
    expect(order).toEqual(['hook done', 'fetch']);
  });

  it.each([
    [
      'onResponse throws',
      {
        onResponse: () => {
          throw new Error('metrics down');
        },
      },
    ],
    [
      'onResponse rejects',
      {
        onResponse: async () => {
          throw new Error('metrics down');
        },
      },
    ],
  ])(
    'keeps the call’s result when %s, and reports the failure to the platform',
    async (_, hooks) => {
      const transport = setup([ok()], { hooks });
      await expect(transport.request(GET)).resolves.toEqual({ data: {}, meta: META });
      await vi.waitFor(() => expect(warnings).toHaveBeenCalledWith(new Error('metrics down')));
    },
  );

  it('keeps the call’s own error when onError or onRetry fails', async () => {
    const transport = setup([unavailable(), apiError(404, 'server_not_found', 'Gone')], {
      maxRetries: 1,
      hooks: {
        onRetry: () => {
          throw new Error('retry hook broke');
        },
        onError: async () => {
          throw new Error('error hook broke');
        },
      },
    });
    const outcome = transport.request(GET).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await outcome).toBeInstanceOf(NotFoundError);
    await vi.waitFor(() => expect(warnings).toHaveBeenCalledTimes(2));
    expect(warnings).toHaveBeenCalledWith(new Error('retry hook broke'));
    expect(warnings).toHaveBeenCalledWith(new Error('error hook broke'));
  });

  it('keeps the call’s result when the logger throws', async () => {
    const logger = {
      debug: () => {
        throw new Error('disk full');
      },
      info() {},
      warn() {},
      error() {},
    };
    const transport = setup([ok()], { logger, logLevel: 'debug' });
    await expect(transport.request(GET)).resolves.toEqual({ data: {}, meta: META });
    expect(warnings).toHaveBeenCalledWith(new Error('disk full'));
  });
});

describe('an answer the client cannot use', () => {
  it.each([
    [
      'a 2xx body that is not JSON',
      { method: 'GET', path: '/api/v1/servers/svr_9' } as const,
      () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      'GET /api/v1/servers/svr_9 returned 200 with a body that is not JSON (text/html). ' +
        'Check that the baseUrl option points at the Puchify API.',
    ],
    [
      'a 2xx answer without a data object',
      { method: 'GET', path: '/api/v1/servers/svr_9' } as const,
      () => json(200, { meta: META }),
      'GET /api/v1/servers/svr_9 returned 200 (request req_test) with a malformed answer ' +
        '(no data object). Check that the baseUrl option points at the Puchify API.',
    ],
  ])(
    'fails the call for good with %s: one warn line, one onError',
    async (_, request, reply, head) => {
      const { logger, lines } = recordingLogger();
      const failures: FailureEvent[] = [];
      const transport = setup([reply()], {
        logger,
        logLevel: 'warn',
        hooks: { onError: (event) => void failures.push(event) },
      });
      const error = (await transport
        .request({
          ...request,
          check: (body) =>
            body && typeof body === 'object' && 'data' in body
              ? undefined
              : 'a malformed answer (no data object)',
        })
        .catch((thrown: unknown) => thrown)) as Error;
      expect(error.message).toBe(head);
      expect(lines).toEqual([`warn [puchify] ${error.message}`]);
      expect(failures).toEqual([{ method: 'GET', path: request.path, attempt: 1, error }]);
    },
  );
});

describe('a call its signal aborted', () => {
  it('is not reported as a failure: no warn line, no onError', async () => {
    const { logger, lines } = recordingLogger();
    const failures: FailureEvent[] = [];
    const transport = setup(['hang'], {
      logger,
      logLevel: 'warn',
      hooks: { onError: (event) => void failures.push(event) },
    });
    const controller = new AbortController();
    const call = transport.request({ ...GET, options: { signal: controller.signal } });
    controller.abort(new Error('the user navigated away'));
    await expect(call).rejects.toBeInstanceOf(RequestAbortedError);
    expect(lines).toEqual([]);
    expect(failures).toEqual([]);
  });
});

describe('ConnectionError', () => {
  it('names the innermost cause, where the platform keeps the real reason', () => {
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:1');
    const error = new ConnectionError(
      'GET',
      '/api/v1/servers',
      new TypeError('fetch failed', { cause: refused }),
    );
    expect(error.message).toBe(
      'GET /api/v1/servers: the connection failed (connect ECONNREFUSED 127.0.0.1:1). ' +
        'Check the network and the baseUrl option.',
    );
  });
});
