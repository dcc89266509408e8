// The API key never leaves the client through an error, a log line or a hook event,
// whichever path the echo takes: a server's envelope, a proxy's page, a platform
// error quoting a header, or a thrown value.
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveClientOptions, type PuchifyOptions } from '../../src/core/client-options';
import { ApiError, ConnectionError, PuchifyError } from '../../src/core/errors';
import { Transport, type ApiRequest } from '../../src/core/transport';
import { sanitize } from '../../src/internal/redact';
import { API_KEY, META, json, scriptedFetch, type Reply } from './fake-fetch';

const node = { isBrowser: false, readEnv: () => undefined };
const GET: ApiRequest = { method: 'GET', path: '/api/v1/servers/svr_9' };

function setup(replies: Reply[], options: PuchifyOptions = {}) {
  const lines: string[] = [];
  const events: unknown[] = [];
  const record = (line: string) => void lines.push(line);
  const fetch = scriptedFetch(...replies);
  const transport = new Transport(
    resolveClientOptions(
      {
        apiKey: API_KEY,
        fetch,
        maxRetries: 1,
        logger: { debug: record, info: record, warn: record, error: record },
        logLevel: 'debug',
        hooks: {
          onRequest: (event) => void events.push(event),
          onResponse: (event) => void events.push(event),
          onRetry: (event) => void events.push(event),
          onError: (event) => void events.push(event),
        },
        ...options,
      },
      node,
    ),
  );
  return { fetch, transport, lines, events };
}

async function failure(transport: Transport): Promise<unknown> {
  const outcome = transport.request(GET).then(
    () => undefined,
    (error: unknown) => error,
  );
  await vi.advanceTimersByTimeAsync(5_000);
  return outcome;
}

/** Every way the caller can look at what came out. */
function everything(error: unknown, lines: string[], events: unknown[]): string {
  return [
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error),
    String(error),
    ...lines,
    inspect(events, { depth: 10 }),
  ].join('\n');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Transport redaction', () => {
  it('scrubs the key from an envelope echoing it in details, code and meta', async () => {
    const echo = json(422, {
      error: {
        code: `bad_${API_KEY}`,
        message: 'bad key',
        details: [{ field: `authorization: Bearer ${API_KEY}`, message: `${API_KEY} is wrong` }],
      },
      meta: { ...META, echo: API_KEY },
    });
    const { transport, lines, events } = setup([echo]);
    const error = (await failure(transport)) as ApiError;
    expect(error.details).toEqual([
      { field: 'authorization: Bearer [redacted]', message: '[redacted] is wrong' },
    ]);
    expect(error.code).toBe('bad_[redacted]');
    expect(error.meta).toEqual({ ...META, echo: '[redacted]' });
    expect(error.message).toContain('authorization: Bearer [redacted]: [redacted] is wrong.');
    expect(everything(error, lines, events)).not.toContain(API_KEY);
  });

  it('scrubs response headers that echo the key, in the error and in onResponse', async () => {
    const answer = json(
      401,
      { error: { code: 'unauthorized', message: 'x' }, meta: META },
      {
        'x-echo': `Bearer ${API_KEY}`,
        'x-raw': `key=${API_KEY}`,
      },
    );
    const { transport, lines, events } = setup([answer]);
    const error = (await failure(transport)) as ApiError;
    expect(error.headers['x-echo']).toBe('Bearer [redacted]');
    expect(error.headers['x-raw']).toBe('key=[redacted]');
    expect(everything(error, lines, events)).not.toContain(API_KEY);
  });

  it('scrubs a 2xx body that is not JSON, and the parser error quoting it', async () => {
    const page = new Response(`Bearer ${API_KEY} rejected`, {
      status: 200,
      headers: { 'content-type': 'text/plain' },
    });
    const { transport, lines, events } = setup([page]);
    const error = (await failure(transport)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.body).toBe('Bearer [redacted] rejected');
    expect(everything(error, lines, events)).not.toContain(API_KEY);
  });

  it('scrubs a connection failure whose message and cause chain quote the key', async () => {
    const inner = new Error(`proxy said: key ${API_KEY}`);
    const thrown = new TypeError(`refused Authorization: Bearer ${API_KEY}`, { cause: inner });
    const { fetch, transport, lines, events } = setup([thrown]);
    const error = (await failure(transport)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(fetch.seen).toHaveLength(2);
    expect(error.message).toBe(
      'GET /api/v1/servers/svr_9: the connection failed (proxy said: key [redacted]). ' +
        'Check the network and the baseUrl option.',
    );
    const cause = error.cause as Error;
    expect(cause.name).toBe('TypeError');
    expect((cause.cause as Error).message).toBe('proxy said: key [redacted]');
    expect(everything(error, lines, events)).not.toContain(API_KEY);
  });

  it('scrubs a thrown string that quotes the key', async () => {
    const { transport, lines, events } = setup([() => Promise.reject(`no route for ${API_KEY}`)]);
    const error = (await failure(transport)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error.cause as Error).message).toBe('no route for [redacted]');
    expect(everything(error, lines, events)).not.toContain(API_KEY);
  });

  it('keeps only the scrubbed primitive properties of a thrown error and its causes', async () => {
    const request = new Request('https://api.puchify.com/', {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    const inner = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      port: 443,
      config: { headers: { 'x-api-key': API_KEY } },
    });
    const thrown = Object.assign(new TypeError('fetch failed', { cause: inner }), {
      request,
      url: `https://proxy.test/?token=${API_KEY}`,
      retried: false,
    });
    const { transport, lines, events } = setup([thrown], { maxRetries: 0 });
    const error = (await failure(transport)) as ConnectionError;
    const cause = error.cause as Error & Record<string, unknown>;
    expect(cause).not.toBe(thrown);
    expect(Object.keys(cause).sort()).toEqual(['name', 'retried', 'url']);
    expect(cause['url']).toBe('https://proxy.test/?token=[redacted]');
    expect(cause.cause).toMatchObject({ message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' });
    expect(Object.keys(cause.cause as object).sort()).toEqual(['code', 'name', 'port']);
    expect(everything(error, lines, events)).not.toContain(API_KEY);
  });

  it('drops the items of an AggregateError and whatever a thrown Request or Map holds', async () => {
    const aggregate = new AggregateError([new Error(`auth ${API_KEY}`)], 'all failed');
    const request = new Request('https://api.puchify.com/', {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    for (const thrown of [aggregate, request, new Map([['k', API_KEY]])]) {
      const { transport, lines, events } = setup([() => Promise.reject(thrown)], {
        maxRetries: 0,
      });
      const error = (await failure(transport)) as ConnectionError;
      expect(error).toBeInstanceOf(ConnectionError);
      expect(everything(error, lines, events)).not.toContain(API_KEY);
    }
  });

  it('describes a thrown DOMException quoting the key by its scrubbed name and message', async () => {
    const thrown = new DOMException(`bad Bearer ${API_KEY}`, 'NetworkError');
    const { transport } = setup([() => Promise.reject(thrown)], { maxRetries: 0 });
    const error = (await failure(transport)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.cause).toMatchObject({ name: 'NetworkError', message: 'bad Bearer [redacted]' });
  });

  it('copies a self-referencing thrown object or a big buffer in well under a millisecond each', async () => {
    const loop: Record<string, unknown> = { code: 'ELOOP' };
    for (let i = 0; i < 8; i += 1) loop[`k${i}`] = loop;
    const buffer = { code: 'EBUF', buffer: new Uint8Array(2_000_000) };
    for (const thrown of [loop, buffer, buffer.buffer]) {
      const started = performance.now();
      const copy = sanitize(thrown, API_KEY) as Error & Record<string, unknown>;
      expect(performance.now() - started).toBeLessThan(5);
      expect(copy.message).toMatch(/^\[object (Object|Uint8Array)\]$/);
    }
    expect(sanitize(loop, API_KEY)).toMatchObject({ code: 'ELOOP' });
    expect(Object.keys(sanitize(loop, API_KEY))).toEqual(['name', 'code']);
    expect(sanitize(null, API_KEY).message).toBe('null');
  });

  it('stops copying a cause chain after four causes', () => {
    let thrown = new Error(`bottom ${API_KEY}`);
    for (let i = 0; i < 20; i += 1) thrown = new Error(`level ${i}`, { cause: thrown });
    let copy: unknown = sanitize(thrown, API_KEY);
    const messages: string[] = [];
    for (; copy instanceof Error; copy = copy.cause) messages.push(copy.message);
    expect(messages).toEqual(['level 19', 'level 18', 'level 17', 'level 16', 'level 15']);
  });

  it('scrubs the request id of the onResponse event', async () => {
    const answer = json(200, { data: {}, meta: META }, { 'x-request-id': `req_${API_KEY}` });
    const { transport, events } = setup([answer]);
    await transport.request(GET);
    expect(events[1]).toMatchObject({ status: 200, requestId: 'req_[redacted]' });
  });
});

describe('Transport requests that cannot be built', () => {
  it('throws a TypeError before sending, without retrying or quoting the key', async () => {
    const { fetch, transport, lines } = setup([json(200, { data: {}, meta: META })], {
      middleware: [
        {
          onRequest: ({ request }) => {
            request.headers.set('x-bad', `${API_KEY}\u0000`);
            return request;
          },
        },
      ],
    });
    const error = (await failure(transport)) as TypeError;
    expect(error.name).toBe('TypeError');
    expect(error).not.toBeInstanceOf(PuchifyError);
    expect(error.message).toMatch(/invalid header value/);
    expect(fetch.seen).toHaveLength(0);
    expect(everything(error, lines, [])).not.toContain(API_KEY);
  });

  it('passes a middleware’s own error through as it was thrown', async () => {
    const own = new RangeError('quota checker says no');
    const { fetch, transport } = setup([json(200, { data: {}, meta: META })], {
      middleware: [
        {
          onRequest: () => {
            throw own;
          },
        },
      ],
    });
    expect(await failure(transport)).toBe(own);
    expect(fetch.seen).toHaveLength(0);
  });

  it('throws what a middleware onResponse throws, once, instead of retrying a ConnectionError', async () => {
    const own = new RangeError('schema check failed');
    const { fetch, transport, events } = setup([json(200, { data: {}, meta: META })], {
      maxRetries: 2,
      middleware: [
        {
          onResponse: () => {
            throw own;
          },
        },
      ],
    });
    expect(await failure(transport)).toBe(own);
    expect(fetch.seen).toHaveLength(1);
    expect(events.filter((event) => 'delayMs' in (event as object))).toEqual([]);
  });

  it('keeps a class middleware working through its own methods', async () => {
    class Tagger {
      readonly #tag = 'x-tag';
      onRequest({ request }: { request: Request }) {
        request.headers.set(this.#tag, '1');
        return request;
      }
      onResponse() {
        return undefined;
      }
    }
    const { fetch, transport } = setup([json(200, { data: { ok: true }, meta: META })], {
      middleware: [new Tagger()],
    });
    expect(await transport.request(GET)).toEqual({ data: { ok: true }, meta: META });
    expect(fetch.seen[0]?.headers.get('x-tag')).toBe('1');
  });
});

describe('the API key in a URL', () => {
  it.each([
    ['as an id in the path', { method: 'DELETE', path: `/api/v1/api-keys/${API_KEY}` }],
    [
      'percent-encoded in the path',
      { method: 'GET', path: `/api/v1/x/${encodeURIComponent(`${API_KEY}+/`)}` },
    ],
    ['in a list query', { method: 'GET', path: '/api/v1/servers', query: { name: API_KEY } }],
  ] as const)(
    'is refused %s, before anything is sent and without quoting the key',
    async (_, request) => {
      const { fetch, transport, lines, events } = setup([json(200, { data: {}, meta: META })]);
      const error = await transport.request(request as ApiRequest).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(
        /^(DELETE|GET) \/api\/v1\/\S+ was not sent: its URL would hold the API key\. Pass the id of the resource instead \(an API key's own id starts with key_\)\.$/,
      );
      expect(fetch.seen).toHaveLength(0);
      expect(everything(error, lines, events)).not.toContain(API_KEY);
      expect(everything(error, lines, events)).not.toContain(encodeURIComponent(API_KEY));
    },
  );

  it('is refused when the key only appears percent-encoded, and the message hides both forms', async () => {
    const key = 'pk_live+Key/with=signs';
    const { fetch, transport, lines, events } = setup([json(200, { data: {}, meta: META })], {
      apiKey: key,
    });
    const path = `/api/v1/api-keys/${encodeURIComponent(key)}`;
    const error = await transport.request({ method: 'GET', path }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect((error as Error).message).toBe(
      "GET /api/v1/api-keys/[redacted] was not sent: its URL would hold the API key. Pass the id of the resource instead (an API key's own id starts with key_).",
    );
    expect(fetch.seen).toHaveLength(0);
    expect(everything(error, lines, events)).not.toContain(encodeURIComponent(key));
  });

  it('lets a short stand-in key through, which could match a path by chance', async () => {
    const { fetch, transport } = setup([json(200, { data: { ok: true }, meta: META })], {
      apiKey: 'servers',
    });
    await transport.request({ method: 'GET', path: '/api/v1/servers' });
    expect(fetch.seen).toHaveLength(1);
  });
});
