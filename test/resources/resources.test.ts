import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  Puchify,
  PuchifyError,
  RequestAbortedError,
  ResourceFailedError,
  WaitTimeoutError,
  type PuchifyOptions,
} from '../../src/index';
import { API_KEY, META, apiError, json, scriptedFetch, type SeenRequest } from '../core/fake-fetch';

const LIST_META = { ...META, next_cursor: null };

/** A client whose fetch answers with `reply(request)`; requests are recorded. */
function client(
  reply: (req: SeenRequest) => Response | Promise<Response>,
  options: PuchifyOptions = {},
) {
  const fetch = scriptedFetch(reply);
  return { fetch, puchify: new Puchify({ apiKey: API_KEY, fetch, ...options }) };
}

const seenAs = (req: SeenRequest | undefined) =>
  `${req?.method} ${req?.url.pathname}${req?.url.search}`;

describe('new Puchify()', () => {
  it('rejects a bad option before any request', () => {
    const fetch = scriptedFetch(json(200, {}));
    expect(() => new Puchify({ apiKey: API_KEY, fetch, maxRetries: -1 })).toThrow(
      new RangeError('The maxRetries option takes an integer from 0 to 10; received -1.'),
    );
    expect(fetch.seen).toHaveLength(0);
  });

  it('exposes every namespace of the API', () => {
    const { puchify } = client(() => json(200, {}));
    expect(Object.keys(puchify).sort()).toEqual(
      [
        'apiKeys',
        'databases',
        'events',
        'gpuServers',
        'kubernetesClusters',
        'loadBalancers',
        'logs',
        'servers',
        'terminal',
        'usage',
        'vpnGateways',
        'webhookEndpoints',
      ].sort(),
    );
  });

  it('keeps the API key out of inspect and JSON output', () => {
    const { puchify } = client(() => json(200, {}));
    expect(inspect(puchify, { depth: 10, showHidden: true })).not.toContain(API_KEY);
    expect(JSON.stringify(puchify)).not.toContain(API_KEY);
  });

  it('sends requests to the configured baseUrl', async () => {
    const { fetch, puchify } = client(() => json(200, { data: {}, meta: META }), {
      baseUrl: 'http://127.0.0.1:4010',
    });
    await puchify.usage.getSummary();
    expect(fetch.seen[0]?.url.href).toBe('http://127.0.0.1:4010/api/v1/usage/summary');
  });
});

describe('resource methods', () => {
  const server = (status: string) => ({ id: 'svr_1', name: 'web-1', status });

  it.each([
    ['servers.get', (p: Puchify) => p.servers.get('svr_1'), 'GET /api/v1/servers/svr_1'],
    [
      'servers.update',
      (p: Puchify) => p.servers.update('svr_1', { name: 'web-2' }),
      'PATCH /api/v1/servers/svr_1',
    ],
    ['servers.delete', (p: Puchify) => p.servers.delete('svr_1'), 'DELETE /api/v1/servers/svr_1'],
    ['servers.start', (p: Puchify) => p.servers.start('svr_1'), 'POST /api/v1/servers/svr_1/start'],
    ['servers.stop', (p: Puchify) => p.servers.stop('svr_1'), 'POST /api/v1/servers/svr_1/stop'],
    [
      'servers.restart',
      (p: Puchify) => p.servers.restart('svr_1'),
      'POST /api/v1/servers/svr_1/restart',
    ],
    [
      'gpuServers.restart',
      (p: Puchify) => p.gpuServers.restart('gpu_1'),
      'POST /api/v1/gpu-servers/gpu_1/restart',
    ],
    [
      'databases.backup',
      (p: Puchify) => p.databases.backup('db_1'),
      'POST /api/v1/databases/db_1/backup',
    ],
    [
      'loadBalancers.get',
      (p: Puchify) => p.loadBalancers.get('lb_1'),
      'GET /api/v1/load-balancers/lb_1',
    ],
    [
      'vpnGateways.delete',
      (p: Puchify) => p.vpnGateways.delete('vpn_1'),
      'DELETE /api/v1/vpn-gateways/vpn_1',
    ],
    ['apiKeys.delete', (p: Puchify) => p.apiKeys.delete('key_1'), 'DELETE /api/v1/api-keys/key_1'],
    [
      'webhookEndpoints.rotateSecret',
      (p: Puchify) => p.webhookEndpoints.rotateSecret('whe_1'),
      'POST /api/v1/webhook-endpoints/whe_1/rotate-secret',
    ],
    ['events.get', (p: Puchify) => p.events.get('evt_1'), 'GET /api/v1/events/evt_1'],
    ['usage.getSummary', (p: Puchify) => p.usage.getSummary(), 'GET /api/v1/usage/summary'],
    [
      'terminal.getSession',
      (p: Puchify) => p.terminal.getSession('term_1'),
      'GET /api/v1/terminal/sessions/term_1',
    ],
    [
      'terminal.deleteSession',
      (p: Puchify) => p.terminal.deleteSession('term_1'),
      'DELETE /api/v1/terminal/sessions/term_1',
    ],
  ])('%s sends %s and resolves to the envelope', async (_, call, expected) => {
    const envelope = { data: server('running'), meta: META };
    const { fetch, puchify } = client(() => json(200, envelope));
    await expect(call(puchify)).resolves.toEqual(envelope);
    expect(seenAs(fetch.seen[0])).toBe(expected);
  });

  it('sends the scale body to the cluster action', async () => {
    const { fetch, puchify } = client(() => json(202, { data: {}, meta: META }));
    await puchify.kubernetesClusters.scale('k8s_1', { node_pool: 'default', node_count: 5 });
    expect(seenAs(fetch.seen[0])).toBe('POST /api/v1/kubernetes-clusters/k8s_1/scale');
    expect(JSON.parse(fetch.seen[0]!.body)).toEqual({ node_pool: 'default', node_count: 5 });
  });

  it('creates a terminal session with its body', async () => {
    const { fetch, puchify } = client(() => json(201, { data: {}, meta: META }));
    await puchify.terminal.createSession({ server_id: 'svr_1', width: 120 });
    expect(seenAs(fetch.seen[0])).toBe('POST /api/v1/terminal/sessions');
    expect(JSON.parse(fetch.seen[0]!.body)).toEqual({ server_id: 'svr_1', width: 120 });
    expect(fetch.seen[0]?.headers.get('idempotency-key')).toBeTruthy();
  });

  it.each(['../api-keys', 'a/b?c'])('keeps the id %j inside the resource path', async (id) => {
    const { fetch, puchify } = client(() => apiError(404, 'server_not_found', 'Not found'));
    await expect(puchify.servers.get(id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(puchify.servers.restart(id)).rejects.toBeInstanceOf(NotFoundError);
    const encoded = encodeURIComponent(id);
    expect(fetch.seen.map((s) => s.url.pathname)).toEqual([
      `/api/v1/servers/${encoded}`,
      `/api/v1/servers/${encoded}/restart`,
    ]);
    expect(fetch.seen.every((s) => s.url.search === '')).toBe(true);
  });

  it('refuses an id of ".." before sending', async () => {
    const { fetch, puchify } = client(() => json(200, {}));
    expect(() => puchify.servers.get('..')).toThrow(TypeError);
    expect(fetch.seen).toHaveLength(0);
  });

  it('passes a 409 through as a ConflictError', async () => {
    const { puchify } = client(() =>
      apiError(409, 'invalid_state_transition', 'Server is stopped'),
    );
    await expect(puchify.servers.restart('svr_1')).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('lists', () => {
  it('sends filters as query parameters and walks every page', async () => {
    const pages: Record<string, unknown> = {
      '': { data: [{ id: 'lb_1' }, { id: 'lb_2' }], meta: { ...META, next_cursor: 'c2' } },
      c2: { data: [{ id: 'lb_3' }], meta: LIST_META },
    };
    const { fetch, puchify } = client((req) =>
      json(200, pages[req.url.searchParams.get('cursor') ?? '']),
    );
    const ids: string[] = [];
    for await (const lb of puchify.loadBalancers.list({ status: 'running', limit: 2 }))
      ids.push(lb.id);
    expect(ids).toEqual(['lb_1', 'lb_2', 'lb_3']);
    expect(fetch.seen.map(seenAs)).toEqual([
      'GET /api/v1/load-balancers?status=running&limit=2',
      'GET /api/v1/load-balancers?status=running&limit=2&cursor=c2',
    ]);
  });

  it('resolves to the first page when awaited', async () => {
    const page = { data: [{ id: 'svr_1' }], meta: { ...META, next_cursor: 'c2' } };
    const { fetch, puchify } = client(() => json(200, page));
    await expect(puchify.servers.list()).resolves.toEqual(page);
    expect(fetch.seen).toHaveLength(1);
  });

  it('iterates usage records from data.usage_records', async () => {
    const pages: Record<string, unknown> = {
      '': { data: { usage_records: [{ id: 'ur_1' }] }, meta: { ...META, next_cursor: 'c2' } },
      c2: { data: { usage_records: [{ id: 'ur_2' }] }, meta: LIST_META },
    };
    const { fetch, puchify } = client((req) =>
      json(200, pages[req.url.searchParams.get('cursor') ?? '']),
    );
    const ids: string[] = [];
    for await (const record of puchify.usage.list({ resource_kind: 'server' })) ids.push(record.id);
    expect(ids).toEqual(['ur_1', 'ur_2']);
    expect(seenAs(fetch.seen[0])).toBe('GET /api/v1/usage?resource_kind=server');
  });

  it.each([
    [
      'usage.listInvoices',
      (p: Puchify) => p.usage.listInvoices({ status: 'open' }),
      'GET /api/v1/usage/invoices?status=open',
    ],
    ['logs.list', (p: Puchify) => p.logs.list({ level: 'error' }), 'GET /api/v1/logs?level=error'],
    [
      'events.list',
      (p: Puchify) => p.events.list({ resource_id: 'svr_1' }),
      'GET /api/v1/events?resource_id=svr_1',
    ],
    [
      'terminal.listSessions',
      (p: Puchify) => p.terminal.listSessions({ status: 'active' }),
      'GET /api/v1/terminal/sessions?status=active',
    ],
    [
      'webhookEndpoints.listDeliveries',
      (p: Puchify) => p.webhookEndpoints.listDeliveries('whe_1', { status: 'failed' }),
      'GET /api/v1/webhook-endpoints/whe_1/deliveries?status=failed',
    ],
    ['apiKeys.list', (p: Puchify) => p.apiKeys.list(), 'GET /api/v1/api-keys'],
  ])('%s sends %s', async (_, call, expected) => {
    const { fetch, puchify } = client(() => json(200, { data: [], meta: LIST_META }));
    await call(puchify);
    expect(seenAs(fetch.seen[0])).toBe(expected);
  });
});

describe('lists with a malformed answer', () => {
  it.each([
    ['no meta', { data: [{ id: 'svr_1' }] }],
    ['meta without next_cursor', { data: [{ id: 'svr_1' }], meta: META }],
    ['a numeric next_cursor', { data: [], meta: { ...META, next_cursor: 5 } }],
    ['data that is not an array', { data: { id: 'svr_1' }, meta: LIST_META }],
    ['a JSON array', [1, 2]],
  ])('fails with an ApiError on %s instead of ending the walk', async (_, body) => {
    const { fetch, puchify } = client(() => json(200, body));
    const walk = (async () => {
      for await (const server of puchify.servers.list()) void server;
    })();
    const error = await walk.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(200);
    expect((error as ApiError).requestId).toBe('req_test');
    expect((error as Error).message).toBe(
      'GET /api/v1/servers returned 200 (request req_test) with a malformed list answer ' +
        '(no item array or meta.next_cursor). Check that the baseUrl option points at the ' +
        'Puchify API.',
    );
    expect(fetch.seen).toHaveLength(1);
  });

  it.each([
    [
      'an empty body',
      () => new Response(null, { status: 200, headers: { 'x-request-id': 'req_test' } }),
    ],
    ['null', () => json(200, null)],
    ['a JSON array', () => json(200, [1, 2])],
    ['data that is null', () => json(200, { data: null, meta: META })],
  ])(
    'fails a single-resource call with an ApiError on %s instead of resolving to it',
    async (_, reply) => {
      const { puchify } = client(reply);
      const error = await puchify.servers.get('svr_1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as Error).message).toBe(
        'GET /api/v1/servers/svr_1 returned 200 (request req_test) with a malformed answer ' +
          '(no data object). Check that the baseUrl option points at the Puchify API.',
      );
    },
  );

  it('checks usage pages at data.usage_records', async () => {
    const { puchify } = client(() => json(200, { data: [], meta: LIST_META }));
    await expect(puchify.usage.list()).rejects.toBeInstanceOf(ApiError);
  });

  it('stops after 100 empty pages in a row that each hand out a new cursor', async () => {
    let n = 0;
    const { fetch, puchify } = client(() =>
      json(200, { data: [], meta: { ...META, next_cursor: `c${++n}` } }),
    );
    const walk = (async () => {
      for await (const server of puchify.servers.list()) void server;
    })();
    await expect(walk).rejects.toThrow(
      new PuchifyError(
        'GET /api/v1/servers returned 100 empty pages in a row; stopping to avoid an endless ' +
          'walk. Retry later, or report it to Puchify support.',
      ),
    );
    expect(fetch.seen).toHaveLength(100);
  });
});

/** A database create body every waitUntil test sends. */
const ORDERS_DB = {
  name: 'orders',
  engine: 'postgres',
  version: '16',
  plan: 'db-small',
  region: 'us-east',
  storage_gb: 20,
  password: 'correct-horse-battery',
} as const;

describe('create with waitUntil', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function lifecycle(statuses: string[]) {
    let reads = 0;
    return (req: SeenRequest) => {
      if (req.method === 'POST')
        return json(201, { data: { id: 'db_1', status: 'creating' }, meta: META });
      const status = statuses[Math.min(reads++, statuses.length - 1)];
      const meta = { ...META, provider: reads > 1 ? 'degraded' : 'connected' };
      return json(200, { data: { id: 'db_1', status }, meta });
    };
  }

  it('polls until the operational status and resolves to the last envelope', async () => {
    const { fetch, puchify } = client(lifecycle(['creating', 'available']));
    const call = puchify.databases.create(ORDERS_DB, { waitUntil: 'operational' });
    await vi.advanceTimersByTimeAsync(5000);
    const { data, meta } = await call;
    expect(data).toEqual({ id: 'db_1', status: 'available' });
    expect(meta.provider).toBe('degraded');
    expect(fetch.seen.map(seenAs)).toEqual([
      'POST /api/v1/databases',
      'GET /api/v1/databases/db_1',
      'GET /api/v1/databases/db_1',
    ]);
  });

  it.each([
    [
      { waitUntil: 'operational', wait: { timeoutMs: -1 } },
      RangeError,
      /timeoutMs option of waitFor/,
    ],
    [{ waitUntil: '' }, TypeError, /until option of waitFor/],
    [{ waitUntil: 'operational', wait: { onProgress: 'log' } }, TypeError, /onProgress option/],
  ])('refuses bad wait options %o before creating anything', async (options, Type, message) => {
    const { fetch, puchify } = client(lifecycle(['available']));
    const call = puchify.databases.create(ORDERS_DB, options as never);
    await expect(call).rejects.toThrow(Type);
    await expect(call).rejects.toThrow(message);
    expect(fetch.seen).toEqual([]);
  });

  it('ends with ResourceFailedError when provisioning fails', async () => {
    const { puchify } = client(lifecycle(['creating', 'failed']));
    const call = puchify.databases
      .create(ORDERS_DB, { waitUntil: 'operational' })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5000);
    const error = await call;
    expect(error).toBeInstanceOf(ResourceFailedError);
    expect((error as ResourceFailedError).resource).toEqual({ id: 'db_1', status: 'failed' });
  });

  it('waitFor polls a resource by id until the given status', async () => {
    const { puchify } = client(() =>
      json(200, { data: { id: 'vpn_1', status: 'active' }, meta: META }),
    );
    const gateway = await puchify.vpnGateways.waitFor('vpn_1');
    expect(gateway.status).toBe('active');
  });
});

describe('logs.tail', () => {
  function sse(chunks: string[], onCancel?: () => void): Response {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      },
      cancel: () => onCancel?.(),
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }

  const entry = (id: string) => ({ id, level: 'error', message: `m ${id}` });
  const frame = (id: string) => `event: log\nid: ${id}\ndata: ${JSON.stringify(entry(id))}\n\n`;

  it('yields log entries and closes the connection when the loop breaks', async () => {
    let cancelled = false;
    const { fetch, puchify } = client(() =>
      sse([': keep-alive\n\n', frame('log_1'), frame('log_2')], () => (cancelled = true)),
    );
    const seen: unknown[] = [];
    for await (const line of puchify.logs.tail({ level: 'error' }, { lastEventId: 'log_0' })) {
      seen.push(line);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([entry('log_1'), entry('log_2')]);
    expect(cancelled).toBe(true);
    expect(seenAs(fetch.seen[0])).toBe('GET /api/v1/logs/tail?level=error');
    expect(fetch.seen[0]?.headers.get('accept')).toBe('text/event-stream');
    expect(fetch.seen[0]?.headers.get('last-event-id')).toBe('log_0');
    expect(fetch.seen[0]?.signal.aborted).toBe(true);
  });

  it.each(['log_1\r\nX-Evil: 1', 'log_é'])(
    'refuses lastEventId %j before connecting, without quoting it',
    async (lastEventId) => {
      const { fetch, puchify } = client(() => sse([frame('log_1')]));
      const error = await puchify.logs
        .tail({}, { lastEventId })
        .next()
        .catch((e: unknown) => e);
      expect(error).toEqual(
        new TypeError('The lastEventId option takes printable ASCII, as entry ids are.'),
      );
      expect(fetch.seen).toEqual([]);
    },
  );

  it('ends with RequestAbortedError when the signal aborts', async () => {
    const controller = new AbortController();
    const { puchify } = client(() => sse([frame('log_1')]));
    const seen: unknown[] = [];
    const loop = (async () => {
      for await (const line of puchify.logs.tail({}, { signal: controller.signal })) {
        seen.push(line);
        controller.abort();
      }
    })();
    await expect(loop).rejects.toBeInstanceOf(RequestAbortedError);
    expect(seen).toHaveLength(1);
  });

  /** Tails a stream answered with `body` and `type`; resolves to the loop's error. */
  async function tailAnswered(body: ReadableStream | null, type: string): Promise<unknown> {
    const answer = new Response(body, {
      status: 200,
      headers: { 'content-type': type, 'x-request-id': 'req_1' },
    });
    const { puchify } = client(() => answer);
    return (async () => {
      for await (const line of puchify.logs.tail()) void line;
    })().catch((e: unknown) => e);
  }

  it('fails with an ApiError naming the content type when the answer is not a stream', async () => {
    let cancelled = false;
    const page = new ReadableStream({ cancel: () => void (cancelled = true) });
    const error = await tailAnswered(page, 'text/html');
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).message).toBe(
      'GET /api/v1/logs/tail returned 200 (request req_1) with text/html instead of ' +
        'text/event-stream. Check that the baseUrl option points at the Puchify API.',
    );
    expect(cancelled).toBe(true);
  });

  it('fails with an ApiError when an event stream answer has no body', async () => {
    const error = await tailAnswered(null, 'text/event-stream');
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).message).toBe(
      'GET /api/v1/logs/tail returned 200 (request req_1) with an event stream without a ' +
        'body. Check that the baseUrl option points at the Puchify API.',
    );
  });

  it('ends with a ConnectionError, key scrubbed, when the stream drops mid-way', async () => {
    const encoder = new TextEncoder();
    const dropped = new TypeError(`terminated (Bearer ${API_KEY})`);
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // The second read fails, as undici's does when the socket closes.
        if ((pulls += 1) === 1) controller.enqueue(encoder.encode(frame('log_1')));
        else controller.error(dropped);
      },
    });
    const { puchify } = client(
      () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    );
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const line of puchify.logs.tail()) seen.push(line);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([entry('log_1')]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(
      'GET /api/v1/logs/tail: the connection failed (terminated (Bearer [redacted])). ' +
        'Check the network and the baseUrl option.',
    );
    expect(inspect(error, { depth: 5 })).not.toContain(API_KEY);
  });

  it.each(['null', '[1,2]', '"text"', '{not json'])(
    'ends with a PuchifyError on a log event whose data is %s',
    async (data) => {
      const { puchify } = client(() => sse([`event: log\ndata: ${data}\n\n`]));
      await expect(
        (async () => {
          for await (const line of puchify.logs.tail()) void line;
        })(),
      ).rejects.toThrow(
        new PuchifyError(
          'GET /api/v1/logs/tail sent a log event whose data is not a JSON object; the stream ' +
            'is closed. Call tail() again to resume.',
        ),
      );
    },
  );

  it('opens nothing until iterated', () => {
    const { fetch, puchify } = client(() => sse([]));
    puchify.logs.tail();
    expect(fetch.seen).toHaveLength(0);
  });
});

describe('work the SDK cancels on the caller’s behalf', () => {
  const slowAfterFirst = (first: () => Response) => {
    let calls = 0;
    return async (seen: SeenRequest) => {
      calls += 1;
      if (calls === 1) return first();
      return new Promise<Response>((_, reject) =>
        seen.signal.addEventListener('abort', () => reject(seen.signal.reason), { once: true }),
      );
    };
  };

  it('reports no failure when a loop that stops early cancels a prefetch', async () => {
    const failures: unknown[] = [];
    const firstPage = () =>
      json(200, { data: [{ id: 'svr_a' }], meta: { ...META, next_cursor: 'c2' } });
    const { puchify, fetch } = client(slowAfterFirst(firstPage), {
      hooks: { onError: (event) => void failures.push(event) },
    });
    for await (const server of puchify.servers.list({}, { prefetch: true })) {
      expect(server.id).toBe('svr_a');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fetch.seen).toHaveLength(2);
    expect(failures).toEqual([]);
  });

  it('reports no failure when a wait runs out while a read is in flight', async () => {
    const failures: unknown[] = [];
    const creating = () => json(200, { data: { id: 'svr_1', status: 'creating' }, meta: META });
    const { puchify } = client(slowAfterFirst(creating), {
      hooks: { onError: (event) => void failures.push(event) },
    });
    const error = await puchify.servers
      .waitFor('svr_1', { intervalMs: 1, timeoutMs: 50 })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(failures).toEqual([]);
  });
});
