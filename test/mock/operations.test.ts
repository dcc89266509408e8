import { afterAll, describe, expect, it } from 'vitest';
import { lifecycles, operationRoutes } from '../../src/generated/lifecycle';
import type { LifecycleResource } from '../../src/generated/lifecycle';
import { createMock } from '../../src/mock/create-mock';
import { CREATE_BODIES } from './fixtures';
import { call, covered, useMock } from './harness';

const world = useMock();

const ACTION_BODIES: Record<string, unknown> = {
  scale: { node_pool: 'default', node_count: 5 },
};

const collectionPath = (name: LifecycleResource): string =>
  operationRoutes[`list${lifecycles[name].schema}s` as keyof typeof operationRoutes].path;

describe.each(Object.keys(lifecycles) as LifecycleResource[])('%s', (name) => {
  const spec = lifecycles[name];
  const base = collectionPath(name);

  it('walks create, get, list, update, every action and delete through the lifecycle', async () => {
    const mock = world();
    const created = await call(mock, 'POST', base, { body: CREATE_BODIES[name] });
    expect(created.status).toBe(201);
    expect(created.body.data.status).toBe(spec.creating);
    expect(created.body.data.id.startsWith(spec.idPrefix)).toBe(true);
    const id = created.body.data.id as string;

    await mock.clock.advance(2_000);
    const got = await call(mock, 'GET', `${base}/${id}`);
    expect(got.body.data.status).toBe(spec.operational);

    const listed = await call(mock, 'GET', `${base}?limit=10`);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toContain(id);
    expect(listed.body.meta.next_cursor).toBeNull();

    const updated = await call(mock, 'PATCH', `${base}/${id}`, { body: { name: 'renamed-1' } });
    expect(updated.body.data.name).toBe('renamed-1');

    const pending = new Map(Object.entries(spec.actions));
    for (let round = 0; pending.size > 0 && round < 10; round++) {
      for (const [action, rule] of pending) {
        const current = (await call(mock, 'GET', `${base}/${id}`)).body.data.status as string;
        if (!(rule.from as readonly string[]).includes(current)) continue;
        const answer = await call(mock, 'POST', `${base}/${id}/${action}`, {
          body: ACTION_BODIES[action],
        });
        expect(answer.status).toBe(202);
        await mock.clock.advance(1_000);
        const after = await call(mock, 'GET', `${base}/${id}`);
        expect(after.body.data.status).toBe(rule.to);
        pending.delete(action);
      }
    }
    expect([...pending.keys()]).toEqual([]);

    const deleted = await call(mock, 'DELETE', `${base}/${id}`);
    expect(deleted.status).toBe(202);
    expect(deleted.body.data.status).toBe('via' in spec.delete ? spec.delete.via : spec.delete.to);
    await mock.clock.advance(1_000);
    const soft = await call(mock, 'GET', `${base}?status=${spec.delete.to}`);
    expect(soft.body.data.map((r: { id: string }) => r.id)).toEqual([id]);
    const visible = await call(mock, 'GET', base);
    expect(visible.body.data).toEqual([]);
    await mock.clock.advance(30_000);
    expect((await call(mock, 'GET', `${base}/${id}`)).body.data.status).toBe(spec.delete.then);
  });

  it('answers 404 with its own code for an unknown id', async () => {
    const answer = await call(world(), 'GET', `${base}/${spec.idPrefix}missing1`);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe(spec.notFoundCode);
  });
});

describe('api keys', () => {
  it('shows the full key once, lists only its prefix and revokes it for good', async () => {
    const mock = world();
    const created = await call(mock, 'POST', '/api/v1/api-keys', { body: { name: 'ci' } });
    expect(created.status).toBe(201);
    const { id, key, prefix } = created.body.data;
    expect(key.startsWith(prefix)).toBe(true);
    const list = await call(mock, 'GET', '/api/v1/api-keys');
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(
      (await call(mock, 'GET', '/api/v1/servers', { headers: { authorization: `Bearer ${key}` } }))
        .status,
    ).toBe(200);
    const renamed = await call(mock, 'PATCH', `/api/v1/api-keys/${id}`, { body: { name: 'ci-2' } });
    expect(renamed.body.data.name).toBe('ci-2');
    expect((await call(mock, 'GET', `/api/v1/api-keys/${id}`)).body.data.key).toBeUndefined();
    const revoked = await call(mock, 'DELETE', `/api/v1/api-keys/${id}`);
    expect(revoked.body.data.status).toBe('revoked');
    const again = await call(mock, 'DELETE', `/api/v1/api-keys/${id}`);
    expect(again.status).toBe(202);
    expect(again.body.data).toEqual(revoked.body.data);
    const refused = await call(mock, 'GET', '/api/v1/servers', {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
  });
});

describe('webhook endpoints', () => {
  it('creates with a secret, rotates it, lists deliveries and soft-deletes', async () => {
    const mock = createHookWorld();
    const created = await call(mock, 'POST', '/api/v1/webhook-endpoints', {
      body: { url: 'http://127.0.0.1:9/hook', events: ['server.created'], enabled: false },
    });
    expect(created.status).toBe(201);
    expect(created.body.data.secret).toMatch(/^whsec_/);
    const id = created.body.data.id;
    expect(
      (await call(mock, 'GET', `/api/v1/webhook-endpoints/${id}`)).body.data.secret,
    ).toBeUndefined();
    expect((await call(mock, 'GET', '/api/v1/webhook-endpoints')).body.data).toHaveLength(1);
    const updated = await call(mock, 'PATCH', `/api/v1/webhook-endpoints/${id}`, {
      body: { description: 'Staging' },
    });
    expect(updated.body.data.description).toBe('Staging');
    const rotated = await call(mock, 'POST', `/api/v1/webhook-endpoints/${id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.secret).not.toBe(created.body.data.secret);
    expect(rotated.body.data.previous_secret_expires_at).not.toBeNull();
    const deliveries = await call(mock, 'GET', `/api/v1/webhook-endpoints/${id}/deliveries`);
    expect(deliveries.body.data).toEqual([]);
    const deleted = await call(mock, 'DELETE', `/api/v1/webhook-endpoints/${id}`);
    expect(deleted.body.data.status).toBe('deleted');
    const again = await call(mock, 'DELETE', `/api/v1/webhook-endpoints/${id}`);
    expect(again.status).toBe(202);
    expect(again.body.data).toEqual(deleted.body.data);
  });

  const createHookWorld = () => world();
});

describe('events, usage, logs and terminal', () => {
  it('records an event per change, readable by id and filterable by type', async () => {
    const mock = world();
    const created = await call(mock, 'POST', '/api/v1/servers', { body: CREATE_BODIES.servers });
    const events = await call(
      mock,
      'GET',
      `/api/v1/events?type=server.created&resource_id=${created.body.data.id}`,
    );
    expect(events.body.data).toHaveLength(1);
    const one = await call(mock, 'GET', `/api/v1/events/${events.body.data[0].id}`);
    expect(one.body.data.data.id).toBe(created.body.data.id);
    expect((await call(mock, 'GET', '/api/v1/events/evt_missing1')).body.error.code).toBe(
      'event_not_found',
    );
  });

  it('serves usage records, the summary and invoices from the demo world', async () => {
    const demo = createMock({ seed: 'demo', clock: 'manual' });
    const direct = { direct: true };
    const usage = await call(demo, 'GET', '/api/v1/usage?limit=5&resource_kind=server', direct);
    expect(usage.body.data.usage_records).toHaveLength(5);
    expect(usage.body.meta.next_cursor).not.toBeNull();
    const summary = await call(demo, 'GET', '/api/v1/usage/summary', direct);
    const records = demo.store.usageRecords.values();
    const total = records.reduce((sum, record) => sum + record.amount_cents, 0);
    expect(summary.body.data.total_cents).toBe(total);
    const paid = await call(demo, 'GET', '/api/v1/usage/invoices?status=paid', direct);
    expect(paid.body.data).toHaveLength(11);
    demo.close();
  });

  it('searches logs and streams new entries as server-sent events', async () => {
    const mock = world();
    const created = await call(mock, 'POST', '/api/v1/servers', { body: CREATE_BODIES.servers });
    const logs = await call(
      mock,
      'GET',
      `/api/v1/logs?resource_id=${created.body.data.id}&query=provisioned`,
    );
    expect(logs.body.data).toHaveLength(1);

    const response = await fetch(`${mock.baseUrl}/api/v1/logs/tail?level=info`, {
      headers: { authorization: `Bearer ${mock.apiKey}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    covered.add('tailLogs');
    const reader = response.body!.getReader();
    await mock.clock.advance(2_000);
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('data: ')) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    const frame = text.split('\n\n').find((block) => block.startsWith('event: log'))!;
    const entry = JSON.parse(
      frame
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    );
    expect(entry).toMatchObject({ resource_id: created.body.data.id, level: 'info' });
  });

  it('opens terminal sessions only on running servers and closes them', async () => {
    const mock = world();
    const server = await call(mock, 'POST', '/api/v1/servers', { body: CREATE_BODIES.servers });
    const early = await call(mock, 'POST', '/api/v1/terminal/sessions', {
      body: { server_id: server.body.data.id },
    });
    expect(early.status).toBe(409);
    await mock.clock.advance(2_000);
    const session = await call(mock, 'POST', '/api/v1/terminal/sessions', {
      body: { server_id: server.body.data.id, width: 120 },
    });
    expect(session.status).toBe(201);
    expect(session.body.data.websocket_url).toMatch(/^wss:\/\/api\.puchify\.com\//);
    const id = session.body.data.id;
    expect((await call(mock, 'GET', '/api/v1/terminal/sessions')).body.data).toHaveLength(1);
    expect((await call(mock, 'GET', `/api/v1/terminal/sessions/${id}`)).body.data.width).toBe(120);
    const closed = await call(mock, 'DELETE', `/api/v1/terminal/sessions/${id}`);
    expect(closed.body.data.status).toBe('closed');
  });
});

afterAll(() => {
  // Every operation of the spec was reached with a success at least once.
  expect(Object.keys(operationRoutes).filter((id) => !covered.has(id))).toEqual([]);
});
