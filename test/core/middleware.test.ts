// The `middleware` option keeps openapi-fetch's protocol, so middleware written for it works
// here unchanged. The conformance cases run the same recording middleware through
// openapi-fetch itself and through the transport, one attempt each, and compare what every
// hook saw and what the call ended with. The cases after them are where the client is
// stricter on purpose.
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { resolveClientOptions } from '../../src/core/client-options';
import { queryString, type Middleware } from '../../src/core/exchange';
import { ConnectionError } from '../../src/core/errors';
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
    // The transport reports it as the ConnectionError it is, with that Error as cause.
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
      const { transport } = setup([json(200, OK_BODY)], [passThrough, entry as Middleware]);
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
      [{ onRequest: () => false }, { onRequest: () => 0 }, { onResponse: () => '' }],
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
    [['running', 'stopped'], 'an array'],
    [{ gte: 1 }, 'a value of type object'],
    [new Date(0), 'a value of type object'],
  ])('refuses %j, naming the parameter', (value, shown) => {
    expect(() => queryString({ status: value })).toThrow(
      new TypeError(
        `The status query parameter takes a string, number or boolean; received ${shown}.`,
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
