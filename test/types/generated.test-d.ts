import createClient from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import type { components, paths, webhooks } from '../../src/generated';
import type { ErrorCode, LifecycleResource, OperationalStatuses } from '../../src/generated';
import type { lifecycles } from '../../src/generated/lifecycle';

type Schemas = components['schemas'];
const client = createClient<paths>({ baseUrl: 'https://api.puchify.com' });

describe('generated types with openapi-fetch', () => {
  it('type a list call with its query and its envelope', async () => {
    const { data } = await client.GET('/api/v1/servers', {
      params: { query: { limit: 10, status: 'running', sort: 'name', order: 'asc' } },
    });
    // openapi-fetch flattens the ListMeta intersection, so compare both ways.
    expectTypeOf(data!).toExtend<Schemas['ServerListEnvelope']>();
    expectTypeOf<Schemas['ServerListEnvelope']>().toExtend<NonNullable<typeof data>>();
    expectTypeOf(data!.meta.next_cursor).toEqualTypeOf<string | null>();
    expectTypeOf(data!.data[0]!.id).toEqualTypeOf<string>();

    // @ts-expect-error -- status filters are closed enums
    await client.GET('/api/v1/servers', { params: { query: { status: 'sleeping' } } });
    // @ts-expect-error -- limit is a number
    await client.GET('/api/v1/servers', { params: { query: { limit: '10' } } });
    // @ts-expect-error -- gpu_type is a filter of gpu-servers only
    await client.GET('/api/v1/servers', { params: { query: { gpu_type: 'h100' } } });
    await client.GET('/api/v1/gpu-servers', { params: { query: { gpu_type: 'h100' } } });
  });

  it('type a create call with its body and an error union', async () => {
    const { data, error } = await client.POST('/api/v1/databases', {
      params: { header: { 'Idempotency-Key': 'k-1' } },
      body: {
        name: 'orders-db',
        engine: 'postgres',
        plan: 'db-standard-2',
        region: 'us-east',
        password: 'correct-horse-battery-staple',
      },
    });
    expectTypeOf(data).toEqualTypeOf<Schemas['DatabaseEnvelope'] | undefined>();
    expectTypeOf(error).toEqualTypeOf<Schemas['ErrorEnvelope'] | undefined>();
    expectTypeOf(error!.error.code).toEqualTypeOf<Schemas['ErrorCode']>();

    await client.POST('/api/v1/databases', {
      // @ts-expect-error -- engine is a closed enum
      body: { name: 'x1', engine: 'oracle', plan: 'p', region: 'r', password: 'p'.repeat(12) },
    });
    await client.POST('/api/v1/servers', {
      // @ts-expect-error -- plan is required
      body: { name: 'web-prod-01', region: 'us-east' },
    });
  });

  it('type path parameters and action bodies', async () => {
    const { data } = await client.POST('/api/v1/kubernetes-clusters/{id}/scale', {
      params: { path: { id: 'k8s_4h8n2p' } },
      body: { node_pool: 'default', node_count: 5 },
    });
    expectTypeOf(data).toEqualTypeOf<Schemas['KubernetesClusterEnvelope'] | undefined>();

    await client.POST('/api/v1/kubernetes-clusters/{id}/scale', {
      params: { path: { id: 'k8s_4h8n2p' } },
      // @ts-expect-error -- node_count is a number
      body: { node_pool: 'default', node_count: '5' },
    });
    // @ts-expect-error -- the path needs its id
    await client.GET('/api/v1/servers/{id}', { params: { path: {} } });
  });

  it('keep secrets on the Created schemas only', () => {
    expectTypeOf<Schemas['ApiKeyCreated']>().toHaveProperty('key');
    expectTypeOf<Schemas['ApiKey']>().not.toHaveProperty('key');
    expectTypeOf<Schemas['WebhookEndpointCreated']>().toHaveProperty('secret');
    expectTypeOf<Schemas['WebhookEndpoint']>().not.toHaveProperty('secret');
    expectTypeOf<Schemas['VpnGateway']>().not.toHaveProperty('pre_shared_key');
    expectTypeOf<Schemas['VpnGatewayCreate']>().toHaveProperty('pre_shared_key');
    expectTypeOf<Schemas['Database']>().not.toHaveProperty('password');
  });

  it('put usage records under data.usage_records', async () => {
    const { data } = await client.GET('/api/v1/usage', { params: { query: { order: 'desc' } } });
    expectTypeOf(data!.data.usage_records).toEqualTypeOf<Schemas['UsageRecord'][]>();
  });

  it('type webhook payloads by event type', () => {
    type Created = NonNullable<
      webhooks['server.created']['post']['requestBody']
    >['content']['application/json'];
    expectTypeOf<Created['type']>().toEqualTypeOf<'server.created'>();
    expectTypeOf<Created['data']>().toEqualTypeOf<Schemas['Server']>();
  });

  it('export the lifecycle helpers as literal types', () => {
    expectTypeOf<'server_not_found'>().toExtend<ErrorCode>();
    expectTypeOf<'servers' | 'vpnGateways'>().toExtend<LifecycleResource>();
    // @ts-expect-error -- not an error code of the API
    expectTypeOf<'teapot'>().toExtend<ErrorCode>();
  });
});

describe('OperationalStatuses', () => {
  it('names the operational status of every lifecycle, as the lifecycle table has it', () => {
    type FromTable = { [K in LifecycleResource]: (typeof lifecycles)[K]['operational'] };
    expectTypeOf<OperationalStatuses>().toEqualTypeOf<FromTable>();
    expectTypeOf<OperationalStatuses['databases']>().toEqualTypeOf<'available'>();
  });
});
