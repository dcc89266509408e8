import type { Middleware as OpenapiFetchMiddleware } from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ApiError,
  ApiKeyCreated,
  Envelope,
  ErrorCode,
  Invoice,
  KubernetesCluster,
  ListEnvelope,
  LogEntry,
  Server,
  ServerStatus,
  UsageRecord,
  UsageRecordPage,
  WithStatus,
} from '../../src/index';
import { Puchify } from '../../src/index';
import type { Middleware, PuchifyOptions } from '../../src/index';

declare const puchify: Puchify;
const body = { name: 'web-1', plan: 'shared-2', region: 'us-east' };

describe('client types', () => {
  it('resolves single calls to the typed envelope', async () => {
    expectTypeOf(puchify.servers.get('svr_1')).resolves.toEqualTypeOf<Envelope<Server>>();
    const { data, meta } = await puchify.servers.get('svr_1');
    expectTypeOf(data.id).toEqualTypeOf<string>();
    expectTypeOf(meta.provider).toEqualTypeOf<'connected' | 'degraded' | 'unavailable'>();
    expectTypeOf(puchify.servers.restart('svr_1')).resolves.toEqualTypeOf<Envelope<Server>>();
  });

  it('types status as the known values plus any future string', () => {
    expectTypeOf<Server['status']>().toEqualTypeOf<ServerStatus | (string & {})>();
    expectTypeOf<'running'>().toExtend<Server['status']>();
    expectTypeOf<'hibernating'>().toExtend<Server['status']>();
    expectTypeOf<ServerStatus>().toEqualTypeOf<
      'creating' | 'running' | 'stopped' | 'failed' | 'deleted' | 'destroyed'
    >();
  });

  it('makes list awaitable as the first page and iterable over items', async () => {
    const list = puchify.servers.list({ status: 'running', limit: 10 });
    expectTypeOf(await list).toEqualTypeOf<ListEnvelope<Server>>();
    expectTypeOf((await list).meta.next_cursor).toEqualTypeOf<string | null>();
    for await (const server of list) expectTypeOf(server).toEqualTypeOf<Server>();
    for await (const page of list.pages()) expectTypeOf(page.data).toEqualTypeOf<Server[]>();
  });

  it('iterates usage records while the page keeps data.usage_records', async () => {
    const list = puchify.usage.list({ resource_kind: 'server' });
    expectTypeOf(await list).toEqualTypeOf<UsageRecordPage>();
    expectTypeOf((await list).data.usage_records).toEqualTypeOf<UsageRecord[]>();
    for await (const record of list) expectTypeOf(record).toEqualTypeOf<UsageRecord>();
    for await (const invoice of puchify.usage.listInvoices()) {
      expectTypeOf(invoice).toEqualTypeOf<Invoice>();
    }
  });

  it('rejects wrong fields, wrong enum values and missing fields at compile time', () => {
    // @ts-expect-error -- status filters take only the listed values
    void puchify.servers.list({ status: 'sleeping' });
    // @ts-expect-error -- gpu_type is a filter of gpu-servers only
    void puchify.servers.list({ gpu_type: 'h100' });
    void puchify.gpuServers.list({ gpu_type: 'h100' });
    // @ts-expect-error -- unknown field in a create body
    void puchify.servers.create({ ...body, colour: 'red' });
    // @ts-expect-error -- region is required
    void puchify.servers.create({ name: 'web-1', plan: 'shared-2' });
    // @ts-expect-error -- name is a string
    void puchify.servers.update('svr_1', { name: 42 });
    const db = { name: 'orders', plan: 'db-small', region: 'us-east', password: 'x-long-secret' };
    void puchify.databases.create({ ...db, engine: 'postgres' });
    // @ts-expect-error -- engine is an enum
    void puchify.databases.create({ ...db, engine: 'oracle' });
    // @ts-expect-error -- scale needs node_count
    void puchify.kubernetesClusters.scale('k8s_1', { node_pool: 'default' });
    // @ts-expect-error -- a session needs a server_id
    void puchify.terminal.createSession({ width: 80 });
    void puchify.loadBalancers.create({ name: 'lb', region: 'us-east', algorithm: 'ip_hash' });
    // @ts-expect-error -- algorithm is an enum
    void puchify.loadBalancers.create({ name: 'lb', region: 'us-east', algorithm: 'random' });
  });

  it('offers only the actions a resource has', () => {
    expectTypeOf(puchify.databases.backup).toBeFunction();
    expectTypeOf(puchify.kubernetesClusters.scale).toBeFunction();
    // @ts-expect-error -- clusters do not restart
    void puchify.kubernetesClusters.restart;
    // @ts-expect-error -- load balancers have no start action
    void puchify.loadBalancers.start;
    // @ts-expect-error -- events are read-only
    void puchify.events.create;
  });

  it('narrows waitFor to the status waited for', async () => {
    expectTypeOf(await puchify.servers.waitFor('svr_1')).toEqualTypeOf<
      WithStatus<Server, 'running'>
    >();
    expectTypeOf((await puchify.servers.waitFor('svr_1')).status).toEqualTypeOf<'running'>();
    const stopped = await puchify.servers.waitFor('svr_1', { until: 'stopped' });
    expectTypeOf(stopped.status).toEqualTypeOf<'stopped'>();
    expectTypeOf((await puchify.databases.waitFor('db_1')).status).toEqualTypeOf<'available'>();
    const cluster = await puchify.kubernetesClusters.waitFor('k8s_1');
    expectTypeOf(cluster).toExtend<KubernetesCluster>();
    expectTypeOf(cluster.status).toEqualTypeOf<'healthy'>();
    expectTypeOf((await puchify.vpnGateways.waitFor('vpn_1')).status).toEqualTypeOf<'active'>();
    // @ts-expect-error -- not a server status
    void puchify.servers.waitFor('svr_1', { until: 'sleeping' });
    // @ts-expect-error -- operational for databases is available, not running
    void puchify.databases.waitFor('db_1', { until: 'running' });
  });

  it('narrows create with waitUntil and leaves a plain create unnarrowed', async () => {
    const ready = await puchify.servers.create(body, { waitUntil: 'operational' });
    expectTypeOf(ready).toEqualTypeOf<Envelope<WithStatus<Server, 'running'>>>();
    expectTypeOf(ready.data.status).toEqualTypeOf<'running'>();
    const created = await puchify.servers.create(body);
    expectTypeOf(created).toEqualTypeOf<Envelope<Server>>();
  });

  it('returns the one-time secret only from the calls that show it', async () => {
    const { data } = await puchify.apiKeys.create({ name: 'ci' });
    expectTypeOf(data).toEqualTypeOf<ApiKeyCreated>();
    expectTypeOf(data.key).toEqualTypeOf<string>();
    const listed = await puchify.apiKeys.get('key_1');
    // @ts-expect-error -- a listed key never carries the secret
    void listed.data.key;
  });

  it('types error codes as the contract union plus any future string', () => {
    expectTypeOf<ApiError['code']>().toEqualTypeOf<ErrorCode | undefined>();
    expectTypeOf<'server_not_found'>().toExtend<ErrorCode>();
    expectTypeOf<'brand_new_code'>().toExtend<ErrorCode>();
  });

  it('yields log entries from tail', async () => {
    for await (const entry of puchify.logs.tail({ level: 'error' })) {
      expectTypeOf(entry).toEqualTypeOf<LogEntry>();
      expectTypeOf<'error'>().toExtend<LogEntry['level']>();
    }
    // @ts-expect-error -- level filters take only the listed values
    void puchify.logs.tail({ level: 'loud' });
  });
});

describe('middleware written for openapi-fetch', () => {
  it('is accepted by the middleware option unchanged', () => {
    const theirs: OpenapiFetchMiddleware = {
      onRequest: ({ request, options }) => {
        request.headers.set('x-base', options.baseUrl);
        return request;
      },
      onResponse: ({ response }) => response,
      onError: ({ error }) => (error instanceof Error ? error : new Error(String(error))),
    };
    // Plain assignments, both ways: the hooks take their parameters bivariantly, as
    // openapi-fetch's types are wider in `options.parseAs` and `options.fetch`.
    const ours: Middleware = theirs;
    const options: PuchifyOptions = { apiKey: 'pk_types', middleware: [theirs, ours] };
    expectTypeOf(options.middleware).toEqualTypeOf<Middleware[] | undefined>();
    const typedHere: Middleware = {
      onRequest: ({ request }) => {
        request.headers.set('x-team', 'platform');
      },
    };
    const backAgain: OpenapiFetchMiddleware = typedHere;
    expectTypeOf(backAgain.onRequest).toBeFunction();
    // @ts-expect-error a middleware has at least one hook
    const none: Middleware = {};
    expectTypeOf(none).toEqualTypeOf<Middleware>();
    // @ts-expect-error a hook must be a function
    const wrong: Middleware = { onRequest: 42 };
    expectTypeOf(wrong).toEqualTypeOf<Middleware>();
  });
});
