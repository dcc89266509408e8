// The `middleware` option keeps openapi-fetch's protocol, so middleware written for it works
// here unchanged. The conformance cases run the same recording middleware through
// openapi-fetch itself and through the transport, one attempt each, and compare what every
// hook saw and what the call ended with. The cases after them are where the client is
// stricter on purpose.
import createClient from 'openapi-fetch';
import { describe, expect, it, vi } from 'vitest';
import { resolveClientOptions, type PuchifyOptions } from '../../src/core/client-options';
import { queryString, type Middleware, type MiddlewareParams } from '../../src/core/exchange';
import { ConnectionError, RequestAbortedError, TimeoutError } from '../../src/core/errors';
import { Transport, type ApiRequest } from '../../src/core/transport';
import { API_KEY, META, json, scriptedFetch, type Reply } from './fake-fetch';

const node = { isBrowser: false, readEnv: () => undefined };
const BASE = 'https://api.puchify.com';
const PATH = '/api/v1/servers/svr_9';
const GET: ApiRequest = { method: 'GET', path: PATH, query: { view: 'full' } };

/** What a middleware decides at each hook; anything left out passes through. */
interface Script {
  onRequest?: (request: Request) => Request | Response | undefined;
  onResponse?: (response: Response) => Response | undefined;
  onError?: (error: unknown) => Response | Error | undefined;
}

/** Three middleware that log every hook they run, with what they were given. */
function recorded(scripts: Script[]) {
  const log: string[] = [];
  const middleware: Middleware[] = scripts.map((script, index) => ({
    onRequest({ request, schemaPath, params }) {
      log.push(
        `${index} onRequest ${request.method} ${request.url} ${schemaPath} ${JSON.stringify(params)}`,
      );
      return script.onRequest?.(request);
    },
    onResponse({ request, response }) {
      log.push(`${index} onResponse ${request.headers.get('x-step') ?? '-'} ${response.status}`);
      return script.onResponse?.(response);
    },
    onError({ error }) {
      log.push(`${index} onError ${(error as Error).message}`);
      return script.onError?.(error);
    },
  }));
  return { log, middleware };
}

/** Runs one attempt through openapi-fetch and through the transport with the same script. */
async function both(scripts: Script[], reply: Reply) {
  const runs = [];
  for (const through of ['openapi-fetch', 'puchify'] as const) {
    const { log, middleware } = recorded(scripts);
    const fetch = scriptedFetch(reply);
    let outcome: unknown;
    if (through === 'openapi-fetch') {
      const client = createClient({ baseUrl: BASE, fetch, parseAs: 'text' } as never);
      client.use(...(middleware as never[]));
      outcome = await client
        .request(
          'get' as never,
          PATH as never,
          { params: { query: GET.query }, parseAs: 'text' } as never,
        )
        .then(
          ({ data, response }: { data?: unknown; response: Response }) =>
            `${response.status} ${String(data)}`,
          (error: Error) => `threw ${error.message}`,
        );
    } else {
      const config = resolveClientOptions(
        { apiKey: API_KEY, fetch, middleware, maxRetries: 0 },
        node,
      );
      outcome = await new Transport(config).request(GET).then(
        (body) => `200 ${JSON.stringify(body)}`,
        (error: Error) =>
          `threw ${error instanceof ConnectionError ? (error.cause as Error).message : error.message}`,
      );
    }
    runs.push({ log, outcome, sent: fetch.seen.map((seen) => seen.headers.get('x-step')) });
  }
  return runs;
}

const OK_BODY = { data: { id: 'svr_9' }, meta: META };
const stepped = (request: Request, step: string) => {
  const next = new Request(request);
  next.headers.set('x-step', step);
  return next;
};

describe('middleware conformance with openapi-fetch', () => {
  it('runs onRequest in order and onResponse in reverse, with the same arguments', async () => {
    const [theirs, ours] = await both([{}, {}, {}], json(200, OK_BODY));
    expect(ours!.log).toEqual(theirs!.log);
    expect(ours!.log).toEqual([
      `0 onRequest GET ${BASE}${PATH}?view=full ${PATH} {"query":{"view":"full"}}`,
      `1 onRequest GET ${BASE}${PATH}?view=full ${PATH} {"query":{"view":"full"}}`,
      `2 onRequest GET ${BASE}${PATH}?view=full ${PATH} {"query":{"view":"full"}}`,
      '2 onResponse - 200',
      '1 onResponse - 200',
      '0 onResponse - 200',
    ]);
  });

  it('sends the Request an onRequest returns, and shows it to the later ones', async () => {
    const scripts = [{ onRequest: (r: Request) => stepped(r, 'one') }, {}];
    const [theirs, ours] = await both(scripts, json(200, OK_BODY));
    expect(ours!.log).toEqual(theirs!.log);
    expect(ours!.sent).toEqual(['one']);
    expect(theirs!.sent).toEqual(['one']);
    expect(ours!.log.slice(-2)).toEqual(['1 onResponse one 200', '0 onResponse one 200']);
  });

  it('answers with the Response an onRequest returns: no fetch, later middleware skipped', async () => {
    const canned = () => json(200, { data: { id: 'svr_cached' }, meta: META });
    const [theirs, ours] = await both([{}, { onRequest: canned }, {}], json(500, {}));
    expect(ours!.log).toEqual(theirs!.log);
    expect(ours!.log.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      '0 onRequest',
      '1 onRequest',
    ]);
    expect(ours!.sent).toEqual([]);
    expect(ours!.outcome).toBe(
      '200 {"data":{"id":"svr_cached"},"meta":{"persistence":"synced","provider":"connected"}}',
    );
  });

  it('uses the Response an onError returns for a failed fetch, then runs every onResponse', async () => {
    const scripts: Script[] = [
      {},
      { onError: () => json(200, OK_BODY) },
      { onError: () => new Error('renamed by 2') },
    ];
    const [theirs, ours] = await both(scripts, new Error('socket hang up'));
    expect(ours!.log).toEqual(theirs!.log);
    expect(ours!.log.slice(3)).toEqual([
      '2 onError socket hang up',
      '1 onError renamed by 2',
      '2 onResponse - 200',
      '1 onResponse - 200',
      '0 onResponse - 200',
    ]);
    expect(ours!.outcome).toBe(`200 ${JSON.stringify(OK_BODY)}`);
  });

  it('fails with the Error the onError hooks leave when none answers', async () => {
    const scripts: Script[] = [{}, { onError: () => new Error('renamed by 1') }];
    const [theirs, ours] = await both(scripts, new Error('socket hang up'));
    expect(ours!.log).toEqual(theirs!.log);
    expect(theirs!.outcome).toBe('threw renamed by 1');
    expect(ours!.outcome).toBe('threw renamed by 1');
  });

  it('uses the Response an onResponse returns', async () => {
    const replaced = () => json(200, { data: { id: 'svr_replaced' }, meta: META });
    const [theirs, ours] = await both([{ onResponse: replaced }, {}], json(200, OK_BODY));
    expect(ours!.log).toEqual(theirs!.log);
    expect(ours!.outcome).toContain('svr_replaced');
  });
});

describe('middleware, where the client is stricter', () => {
  function setup(replies: Reply[], middleware: Middleware[]) {
    const fetch = scriptedFetch(...replies);
    // maxRetryDelay 1 ms: backoff shrinks to fit, so a retry costs no real time.
    const config = resolveClientOptions(
      { apiKey: API_KEY, fetch, middleware, maxRetries: 2, maxRetryDelay: 1 },
      node,
    );
    return { fetch, transport: new Transport(config) };
  }

  it.each([
    ['onRequest', { onRequest: () => 'go' }, 'a Request or a Response'],
    ['onResponse', { onResponse: () => ({ status: 200 }) }, 'a Response'],
  ] as const)(
    'refuses a %s that returns something else, naming the entry',
    async (hook, entry, wanted) => {
      const passThrough = { onRequest: () => undefined };
      const { transport } = setup(
        [json(200, OK_BODY)],
        [passThrough, entry as unknown as Middleware],
      );
      const error = await transport.request(GET).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as TypeError).message).toBe(
        `middleware[1].${hook} returned a value of type ${hook === 'onRequest' ? 'string' : 'object'}; ` +
          `it may return ${wanted}, or nothing.`,
      );
    },
  );

  it('takes any falsy value from a hook as nothing, as openapi-fetch does', async () => {
    const { fetch, transport } = setup(
      [json(200, OK_BODY)],
      // Typed out of reach: a JavaScript caller's `cond && request` gives such values.
      [{ onRequest: () => false }, { onRequest: () => 0 }, { onResponse: () => '' }] as never,
    );
    await expect(transport.request(GET)).resolves.toEqual(OK_BODY);
    expect(fetch.seen).toHaveLength(1);
  });

  it('throws what an onResponse throws after reading the body, once, not as a network failure', async () => {
    const own = new RangeError('schema check failed');
    const { fetch, transport } = setup(
      [json(200, OK_BODY)],
      [
        {
          async onResponse({ response }) {
            await response.text();
            throw own;
          },
        },
      ],
    );
    await expect(transport.request(GET)).rejects.toBe(own);
    expect(fetch.seen).toHaveLength(1);
  });

  it('throws what an onError throws, once', async () => {
    const own = new RangeError('offline mode');
    const { fetch, transport } = setup(
      [new Error('socket hang up')],
      [
        {
          onError() {
            throw own;
          },
        },
      ],
    );
    await expect(transport.request(GET)).rejects.toBe(own);
    expect(fetch.seen).toHaveLength(1);
  });

  it('retries a body that fails while being read, as a network failure', async () => {
    const broken = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.error(new Error('connection reset mid-body'));
          },
        }),
        { status: 200 },
      );
    const { fetch, transport } = setup([broken, json(200, OK_BODY)], []);
    await expect(transport.request(GET)).resolves.toEqual(OK_BODY);
    expect(fetch.seen).toHaveLength(2);
  });
});

describe('middleware and the rest of the call', () => {
  function setup(replies: Reply[], middleware: Middleware[], options: PuchifyOptions = {}) {
    const fetch = scriptedFetch(...replies);
    const lines: string[] = [];
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (line: string) => void lines.push(line),
    };
    const config = resolveClientOptions(
      {
        apiKey: API_KEY,
        fetch,
        middleware,
        maxRetries: 2,
        maxRetryDelay: 1,
        logger,
        logLevel: 'warn',
        ...options,
      },
      node,
    );
    return { fetch, lines, transport: new Transport(config) };
  }
  const sleep = (ms: number) => new Promise<undefined>((resolve) => setTimeout(resolve, ms));

  it('throws the Error an onError returns, once, as it is', async () => {
    const offline = new RangeError('offline mode');
    const { fetch, transport, lines } = setup(
      [new Error('socket hang up')],
      [{ onError: () => offline }],
    );
    await expect(transport.request(GET)).rejects.toBe(offline);
    expect(fetch.seen).toHaveLength(1);
    expect(lines).toEqual([`[puchify] GET ${PATH} failed: RangeError: offline mode`]);
  });

  it('refuses an answer whose body a middleware already read, once, without retrying', async () => {
    const cached = json(200, OK_BODY);
    const { fetch, transport } = setup([json(500, {})], [{ onRequest: () => cached }]);
    await expect(transport.request(GET)).resolves.toEqual(OK_BODY);
    const error = await transport.request(GET).catch((thrown: unknown) => thrown);
    expect(error).toEqual(
      new TypeError(
        "The answer's body was already read by a middleware or the fetch option. " +
          'A middleware that reads a body should read a clone() of it.',
      ),
    );
    expect(fetch.seen).toHaveLength(0);
  });

  it('refuses a Request whose body a middleware already read, before sending', async () => {
    const { fetch, transport } = setup(
      [json(201, OK_BODY)],
      [
        {
          async onRequest({ request }) {
            await request.text();
          },
        },
      ],
    );
    const create: ApiRequest = { method: 'POST', path: '/api/v1/servers', body: { name: 'a' } };
    await expect(transport.request(create)).rejects.toThrow(
      "The request's body was already read by a middleware or the fetch option.",
    );
    expect(fetch.seen).toHaveLength(0);
  });

  it('refuses a Request whose body a middleware locked without reading, before sending', async () => {
    const { fetch, transport } = setup(
      [json(201, OK_BODY)],
      [{ onRequest: ({ request }) => void request.body?.getReader() }],
    );
    const create: ApiRequest = { method: 'POST', path: '/api/v1/servers', body: { name: 'a' } };
    await expect(transport.request(create)).rejects.toThrow(
      "The request's body was already read by a middleware or the fetch option.",
    );
    expect(fetch.seen).toHaveLength(0);
  });

  it('runs no onResponse once the call is over', async () => {
    const ran: string[] = [];
    const { transport } = setup(
      [json(200, OK_BODY)],
      [{ onResponse: () => void ran.push('outer onResponse') }, { onResponse: () => sleep(60) }],
      { timeout: 20 },
    );
    await expect(transport.request(GET)).rejects.toBeInstanceOf(TimeoutError);
    await sleep(80);
    expect(ran).toEqual([]);
  });

  it('keeps the middleware it was given, whatever happens to the array later', async () => {
    const list: Middleware[] = [{ onRequest: ({ request }) => stepped(request, 'kept') }];
    const { fetch, transport } = setup([json(200, OK_BODY)], list);
    list.push({ onRequest: () => 'not a request' } as never, null as never);
    await expect(transport.request(GET)).resolves.toEqual(OK_BODY);
    expect(fetch.seen[0]?.headers.get('x-step')).toBe('kept');
  });

  it('ends the call at its deadline while a middleware still runs', async () => {
    const { fetch, transport } = setup(
      [json(200, OK_BODY)],
      [{ onRequest: () => new Promise(() => {}) }],
      {
        timeout: 30,
      },
    );
    const started = Date.now();
    const error = await transport.request(GET).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fetch.seen).toHaveLength(0);
  });

  it('does not let a late cached answer turn a timed-out call into a success', async () => {
    const late = async () => {
      await sleep(80);
      return json(200, OK_BODY);
    };
    const { transport } = setup([json(200, OK_BODY)], [{ onRequest: late }], { timeout: 20 });
    await expect(transport.request(GET)).rejects.toBeInstanceOf(TimeoutError);
  });

  it('ends the call when the caller aborts during a middleware', async () => {
    const controller = new AbortController();
    const { transport } = setup([json(200, OK_BODY)], [{ onRequest: () => sleep(200) }]);
    const pending = transport.request({ ...GET, options: { signal: controller.signal } });
    controller.abort(new Error('user left'));
    await expect(pending).rejects.toBeInstanceOf(RequestAbortedError);
  });

  it('hands middleware a Request that aborts with the call', async () => {
    let seen: AbortSignal | undefined;
    const { transport } = setup(
      [json(200, OK_BODY)],
      [
        {
          onRequest({ request }) {
            seen = request.signal;
            return new Promise(() => {});
          },
        },
      ],
      { timeout: 20 },
    );
    await expect(transport.request(GET)).rejects.toBeInstanceOf(TimeoutError);
    expect(seen?.aborted).toBe(true);
  });

  it('gives middleware openapi-fetch’s serialisers in a frozen options object', async () => {
    let options: MiddlewareParams['options'] | undefined;
    const { transport } = setup(
      [json(200, OK_BODY)],
      [
        {
          onRequest(params) {
            options = params.options;
          },
        },
      ],
    );
    await transport.request(GET);
    expect(Object.isFrozen(options)).toBe(true);
    expect(options).toMatchObject({ baseUrl: BASE, parseAs: 'text' });
    expect(options?.querySerializer({ q: 'a b', n: 2 })).toBe('q=a%20b&n=2');
    expect(options?.bodySerializer({ name: 'x' })).toBe('{"name":"x"}');
    expect(options?.pathSerializer('/api/v1/servers/{id}/{x}', { id: 'a/b' })).toBe(
      '/api/v1/servers/a%2Fb/{x}',
    );
  });

  it('throws a fetch option’s synchronous throw as it is, once', async () => {
    const own = new Error('fetch polyfill bug');
    const fetch = () => {
      throw own;
    };
    const config = resolveClientOptions({ apiKey: API_KEY, fetch, maxRetries: 2 }, node);
    await expect(new Transport(config).request(GET)).rejects.toBe(own);
  });

  it('refuses a fetch option that answers with something other than a Response, once', async () => {
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      return { status: 200, headers: {} } as Response;
    };
    const config = resolveClientOptions({ apiKey: API_KEY, fetch, maxRetries: 2 }, node);
    await expect(new Transport(config).request(GET)).rejects.toThrow(
      new TypeError('The fetch option resolved to a value of type object, not a Response.'),
    );
    expect(calls).toBe(1);
  });

  it.each([
    [
      'a cause five levels down',
      () => {
        let error = new Error(`bad key ${API_KEY}`);
        for (let level = 0; level < 5; level += 1) error = new Error('wrapped', { cause: error });
        return error;
      },
    ],
    [
      'a 33rd property',
      () =>
        Object.assign(
          new Error('denied'),
          Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`n${i}`, i])),
          { secret: API_KEY },
        ),
    ],
    [
      'a property it hides from enumeration',
      () =>
        Object.defineProperty(new Error('denied'), 'secret', { value: API_KEY, enumerable: false }),
    ],
    ['an AggregateError', () => new AggregateError([new Error(API_KEY)], 'several')],
    [
      'a symbol-keyed property',
      () => Object.assign(new Error('denied'), { [Symbol('key')]: API_KEY }),
    ],
    [
      'the Request it carries',
      () =>
        Object.assign(new Error('denied'), {
          request: new Request('https://api.puchify.com/', {
            headers: { authorization: `Bearer ${API_KEY}` },
          }),
        }),
    ],
  ])(
    'hands over a scrubbed copy of a caller’s error that could hold the key in %s',
    async (_, make) => {
      const own = make();
      const { transport } = setup(
        [json(200, OK_BODY)],
        [
          {
            onRequest: () => {
              throw own;
            },
          },
        ],
      );
      const error = (await transport.request(GET).catch((thrown: unknown) => thrown)) as Error;
      expect(error).not.toBe(own);
      expect(error.message).toBe(own.message);
      expect(JSON.stringify(error) + String(error.cause)).not.toContain(API_KEY);
    },
  );

  it('hands over a caller’s error as it is when it holds only checked strings and numbers', async () => {
    const own = Object.assign(new Error('quota checker says no', { cause: 'budget' }), {
      code: 'E_QUOTA',
      retryIn: 5,
    });
    const { transport } = setup(
      [json(200, OK_BODY)],
      [
        {
          onRequest: () => {
            throw own;
          },
        },
      ],
    );
    await expect(transport.request(GET)).rejects.toBe(own);
  });

  it('refuses a middleware array with a hole, naming the entry', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [{ onRequest: () => undefined }, , { onRequest: () => undefined }];
    expect(() => setup([], sparse as Middleware[])).toThrow(
      'The middleware option takes an array of middleware, objects with an onRequest, ' +
        'onResponse or onError method; entry 1 has none.',
    );
  });

  it('throws at once when onError returns the very error it was given', async () => {
    const dropped = new Error('socket hang up');
    const { fetch, transport } = setup([dropped], [{ onError: ({ error }) => error as Error }]);
    await expect(transport.request(GET)).rejects.toBe(dropped);
    expect(fetch.seen).toHaveLength(1);
  });

  it('honours a signal a middleware puts on the Request it returns', async () => {
    const own = new AbortController();
    const { transport } = setup(
      ['hang'],
      [
        {
          onRequest: ({ request }) => {
            setTimeout(() => own.abort(new Error('middleware gave up')), 10);
            return new Request(request, { signal: own.signal });
          },
        },
      ],
    );
    const error = (await transport
      .request({ ...GET, options: { maxRetries: 0 } })
      .catch((thrown: unknown) => thrown)) as Error;
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error.cause as Error).message).toBe('middleware gave up');
  });

  it('runs no more middleware, hooks or fetch once the call is over', async () => {
    const ran: string[] = [];
    const { fetch, transport } = setup(
      [json(200, OK_BODY)],
      [{ onRequest: () => sleep(60) }, { onRequest: () => void ran.push('second middleware') }],
      { timeout: 20, hooks: { onRequest: () => void ran.push('onRequest hook') } },
    );
    await expect(transport.request(GET)).rejects.toBeInstanceOf(TimeoutError);
    await sleep(80);
    expect(ran).toEqual([]);
    expect(fetch.seen).toHaveLength(0);
  });

  it('spends no rate limit on calls that never reach fetch', async () => {
    const now = Date.now();
    const limited = () =>
      json(200, OK_BODY, {
        'x-ratelimit-limit': '10',
        'x-ratelimit-remaining': '1',
        'x-ratelimit-reset': String(Math.ceil(now / 1000) + 600),
        date: new Date(now).toUTCString(),
      });
    let cached = false;
    const cache: Middleware = { onRequest: () => (cached ? json(200, OK_BODY) : undefined) };
    const veto = new AbortController();
    const { fetch, transport } = setup([limited], [cache]);
    await transport.request(GET); // the API says 1 request is left for 10 minutes
    cached = true;
    for (let i = 0; i < 3; i += 1) await transport.request(GET); // answered by the cache
    cached = false;
    veto.abort();
    await expect(transport.request({ ...GET, options: { signal: veto.signal } })).rejects.toThrow();
    await expect(transport.request(GET)).resolves.toEqual(OK_BODY);
    expect(fetch.seen).toHaveLength(2);
  });

  it('ends the call at its deadline when a stand-in global fetch ignores the signal', async () => {
    vi.stubGlobal('fetch', () => new Promise<Response>(() => {}));
    try {
      const config = resolveClientOptions({ apiKey: API_KEY, timeout: 20 }, node);
      await expect(new Transport(config).request(GET)).rejects.toBeInstanceOf(TimeoutError);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('ends the call at its deadline when that stand-in was there before the client loaded', async () => {
    vi.stubGlobal('fetch', () => new Promise<Response>(() => {}));
    vi.resetModules();
    try {
      const options = await import('../../src/core/client-options');
      const { Transport: Loaded } = await import('../../src/core/transport');
      const { TimeoutError: LoadedTimeout } = await import('../../src/core/errors');
      const config = options.resolveClientOptions({ apiKey: API_KEY, timeout: 20 }, node);
      await expect(new Loaded(config).request(GET)).rejects.toBeInstanceOf(LoadedTimeout);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('ends the call at its deadline even when the fetch option ignores the signal', async () => {
    const fetch = () => new Promise<Response>(() => {});
    const config = resolveClientOptions({ apiKey: API_KEY, fetch, timeout: 20 }, node);
    await expect(new Transport(config).request(GET)).rejects.toBeInstanceOf(TimeoutError);
  });

  it('hands over the caller’s error as a scrubbed copy when its cause quotes the key', async () => {
    const own = new Error('auth failed', { cause: new Error(`bad key ${API_KEY}`) });
    const { transport } = setup(
      [json(200, OK_BODY)],
      [
        {
          onRequest() {
            throw own;
          },
        },
      ],
    );
    const error = (await transport.request(GET).catch((thrown: unknown) => thrown)) as Error;
    expect(error).not.toBe(own);
    expect(error.message).toBe('auth failed');
    expect((error.cause as Error).message).toBe('bad key [redacted]');
  });
});

describe('queryString', () => {
  it('encodes names and values, and leaves out undefined and null', () => {
    expect(
      queryString({ query: 'a b&c=d', limit: 20, deep: true, cursor: undefined, to: null, ü: 'é' }),
    ).toBe('?query=a%20b%26c%3Dd&limit=20&deep=true&%C3%BC=%C3%A9');
  });

  it('is empty without parameters', () => {
    expect(queryString(undefined)).toBe('');
    expect(queryString({ cursor: undefined })).toBe('');
  });

  it.each([
    ['an array', ['running', 'stopped']],
    ['a value of type object', { gte: 1 }],
    ['a value of type object', new Date(0)],
    ['NaN', NaN],
    ['-Infinity', -Infinity],
    ['a value of type bigint', 10n],
    ['a lone UTF-16 surrogate', 'half \ud800 emoji'],
  ])('refuses %s, naming the parameter', (shown, value) => {
    expect(() => queryString({ status: value })).toThrow(
      new TypeError(
        `The status query parameter takes a string, finite number or boolean; received ${shown}.`,
      ),
    );
  });

  it('refuses the query before anything is sent', async () => {
    const fetch = scriptedFetch(json(200, { data: [], meta: META }));
    const transport = new Transport(resolveClientOptions({ apiKey: API_KEY, fetch }, node));
    const request: ApiRequest = {
      method: 'GET',
      path: '/api/v1/servers',
      query: { status: ['a'] },
    };
    await expect(transport.request(request)).rejects.toThrow(/status query parameter/);
    expect(fetch.seen).toEqual([]);
  });
});
