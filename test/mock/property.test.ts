import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationRoutes } from '../../src/generated/lifecycle';
import { createMock } from '../../src/mock/create-mock';
import { contractIssues } from './harness';
import { buildRouter } from '../../src/mock/operations';
import { CREATE_BODIES } from './fixtures';

const router = buildRouter();
const templates = [...new Set(Object.values(operationRoutes).map((route) => route.path))];
const PREFIXES = ['svr_', 'gpu_', 'db_', 'k8s_', 'lb_', 'vpn_', 'key_', 'whe_', 'evt_', 'term_'];
const QUERY_KEYS = [
  'limit',
  'cursor',
  'status',
  'sort',
  'order',
  'type',
  'level',
  'from',
  'to',
  'query',
  'resource_id',
  'resource_kind',
  'gpu_type',
  'bogus',
];

const idArb = fc.oneof(
  fc
    .constantFrom(...PREFIXES)
    .chain((prefix) => fc.stringMatching(/^[A-Za-z0-9]{1,20}$/).map((rest) => `${prefix}${rest}`)),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.constant('%E0%A4%A'),
);

const collections = templates.filter((template) => !template.includes('{'));
const pathArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...collections) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom(...templates), idArb)
      .map(([t, id]) => t.replace('{id}', id)),
  },
  { weight: 1, arbitrary: fc.webPath().map((p) => `/api/v1${p}`) },
);

const queryArb = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...QUERY_KEYS),
        fc.oneof(
          fc.constantFrom(
            '1',
            '50',
            '0',
            '101',
            '-3',
            'abc',
            'asc',
            'desc',
            'name',
            'running',
            'deleted',
            'info',
            'server',
            'server.created',
            '2026-01-01T00:00:00Z',
            'svr_abc',
            '',
          ),
          fc.string({ maxLength: 12 }),
        ),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => new URLSearchParams(pairs).toString()),
);

const validBodies = Object.values(CREATE_BODIES);
const bodyArb = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(...validBodies).map((b) => JSON.stringify(b)),
  fc
    .tuple(
      fc.constantFrom(...validBodies),
      fc.string({ maxLength: 10 }),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map(([b, key, value]) => JSON.stringify({ ...b, [Object.keys(b)[0]!]: value, [key]: value })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 40 }),
);

// Requests shaped like real use: an operation's own method and path, an id
// that exists, and a valid body for creates, so successes and 409s are tried.
const plausibleArb = fc.record({
  operation: fc.constantFrom(...Object.values(operationRoutes)),
  pick: fc.nat(),
  body: fc.constantFrom(...validBodies),
});

const requestArb = fc.record({
  plausible: fc.option(plausibleArb, { freq: 2, nil: undefined }),
  method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS'),
  path: pathArb,
  query: queryArb,
  body: bodyArb,
  contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', undefined),
  auth: fc.constantFrom('valid', 'valid', 'valid', 'invalid', 'none', 'cookie'),
  idempotencyKey: fc.option(fc.constantFrom('k1', 'k2'), { nil: undefined }),
  advanceMs: fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: undefined }),
});

/** An id from the collection a path template belongs to (or a made-up one). */
function existingId(mock: ReturnType<typeof createMock>, template: string, pick: number): string {
  const segment = template.split('/')[3] ?? '';
  const collections: Record<string, { values(): Array<{ id: string }> }> = {
    servers: mock.store.servers,
    'gpu-servers': mock.store.gpuServers,
    databases: mock.store.databases,
    'kubernetes-clusters': mock.store.kubernetesClusters,
    'load-balancers': mock.store.loadBalancers,
    'vpn-gateways': mock.store.vpnGateways,
    'api-keys': mock.store.apiKeys,
    'webhook-endpoints': mock.store.webhookEndpoints,
    events: mock.store.events,
    terminal: mock.store.terminalSessions,
  };
  // The caller's own key stays out of reach: revoking it would turn the rest
  // of the run into 401s.
  const records = (collections[segment]?.values() ?? []).filter(
    (record) => (record as { name?: string }).name !== 'default',
  );
  return records.length === 0 ? 'svr_none' : records[pick % records.length]!.id;
}

describe('random requests', () => {
  it('never answer 5xx without a fault and always match the contract', async () => {
    const bugs: unknown[] = [];
    const mock = createMock({
      clock: 'manual',
      seed: 'demo',
      rateLimit: { limit: 1_000_000 },
      onUnexpectedError: (error) => bugs.push(error),
    });
    const knownIds = mock.store.servers
      .values()
      .slice(0, 5)
      .map((s) => s.id);
    let count = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestArb, fc.constantFrom(...knownIds), async (input, knownId) => {
        count++;
        let path = input.path.replace(/svr_[A-Za-z0-9]+$/, (m) => (m.length % 2 ? knownId : m));
        let method: string = input.method;
        let bodyText = input.body;
        if (input.plausible) {
          const { operation, pick, body } = input.plausible;
          method = operation.method.toUpperCase();
          path = operation.path.replace('{id}', () => existingId(mock, operation.path, pick));
          bodyText = method === 'POST' || method === 'PATCH' ? JSON.stringify(body) : undefined;
        }
        const headers: Record<string, string> = {};
        if (input.auth === 'valid') headers['authorization'] = `Bearer ${mock.apiKey}`;
        if (input.auth === 'invalid') headers['authorization'] = 'Bearer pk_nottherightkey123';
        if (input.auth === 'cookie') headers['cookie'] = mock.sessionCookie;
        if (input.contentType) headers['content-type'] = input.contentType;
        if (input.idempotencyKey) headers['idempotency-key'] = input.idempotencyKey;
        const hasBody = bodyText !== undefined && !['GET', 'OPTIONS'].includes(method);
        const url = `${mock.baseUrl}${path}${input.query ? `?${input.query}` : ''}`;
        const response = await mock.fetch(
          new Request(url, { method, headers, body: hasBody ? bodyText! : null }),
        );
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status).toBeLessThan(500);
        if (response.headers.get('content-type') === 'text/event-stream') {
          await response.body?.cancel();
        } else if (response.status !== 204) {
          const body = JSON.parse(await response.text());
          const match = router.match(method, new URL(url).pathname);
          const operationId = match.kind === 'found' ? match.route.operationId : undefined;
          expect(contractIssues(operationId, response.status, body)).toEqual([]);
        }
        if (input.advanceMs !== undefined) await mock.clock.advance(input.advanceMs);
      }),
      { numRuns: 3_000, interruptAfterTimeLimit: 20_000 },
    );
    mock.close();
    // The mix tried, for the record: e.g. 200, 201, 202, 400, 401, 404, 405, 409, 413, 415, 422.
    console.info('status mix', Object.fromEntries([...statuses].sort(([a], [b]) => a - b)));
    expect(bugs).toEqual([]);
    expect(count).toBeGreaterThan(1_000);
    // Both good and bad requests were tried, not only one kind.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(422) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(401) ?? 0).toBeGreaterThan(50);
  }, 60_000);
});
