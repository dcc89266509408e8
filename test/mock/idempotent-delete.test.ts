import { describe, expect, it } from 'vitest';
import { lifecycles } from '../../src/generated/lifecycle';
import type { LifecycleResource } from '../../src/generated/lifecycle';
import type { Mock } from '../../src/mock/create-mock';
import { CREATE_BODIES } from './fixtures';
import { call, useMock } from './harness';

const world = useMock();

/** Everything a repeated DELETE must leave alone: the events and log lines so far. */
const trail = (mock: Mock) => ({
  events: mock.store.events.values().map((event) => event.id),
  logs: mock.store.logs.values().map((entry) => entry.id),
});

/** Sends DELETE twice more and checks both answer 202 with `expected`, changing nothing. */
async function expectRepeatIsNoop(mock: Mock, path: string, expected: unknown): Promise<void> {
  const before = trail(mock);
  for (let attempt = 0; attempt < 2; attempt++) {
    const again = await call(mock, 'DELETE', path);
    expect(again.status).toBe(202);
    expect(again.body.data).toEqual(expected);
  }
  expect(trail(mock)).toEqual(before);
}

describe.each(Object.keys(lifecycles) as LifecycleResource[])('DELETE of %s', (name) => {
  const spec = lifecycles[name];
  const base = `/api/v1/${spec.resource}`;

  it('answers a repeat with 202 and the resource unchanged at every step of its deletion', async () => {
    const mock = world();
    const created = await call(mock, 'POST', base, { body: CREATE_BODIES[name] });
    const path = `${base}/${created.body.data.id}`;
    await mock.clock.advance(2_000);

    const first = await call(mock, 'DELETE', path);
    expect(first.status).toBe(202);
    expect(first.body.data.status).toBe('via' in spec.delete ? spec.delete.via : spec.delete.to);
    await expectRepeatIsNoop(mock, path, first.body.data);

    await mock.clock.advance(1_000);
    const deleted = (await call(mock, 'GET', path)).body.data;
    expect(deleted.status).toBe(spec.delete.to);
    await expectRepeatIsNoop(mock, path, deleted);

    await mock.clock.advance(30_000);
    const destroyed = (await call(mock, 'GET', path)).body.data;
    expect(destroyed.status).toBe(spec.delete.then);
    await expectRepeatIsNoop(mock, path, destroyed);
  });
});

describe('DELETE from a state that does not allow it', () => {
  it('still answers 409 for a database that is backing up', async () => {
    const mock = world();
    const created = await call(mock, 'POST', '/api/v1/databases', {
      body: CREATE_BODIES.databases,
    });
    const id = created.body.data.id as string;
    await mock.clock.advance(2_000);
    expect((await call(mock, 'POST', `/api/v1/databases/${id}/backup`)).status).toBe(202);

    const refused = await call(mock, 'DELETE', `/api/v1/databases/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('invalid_state_transition');
    expect(refused.body.error.message).toBe(
      `Database ${id} is backing_up and cannot be deleted now.`,
    );
    expect(mock.store.databases.get(id)?.status).toBe('backing_up');
  });
});

describe('DELETE of API keys and webhook endpoints', () => {
  it('answers revoking a revoked API key with 202, the key as it is and no second event', async () => {
    const mock = world();
    const created = await call(mock, 'POST', '/api/v1/api-keys', { body: { name: 'ci' } });
    const path = `/api/v1/api-keys/${created.body.data.id}`;
    const first = await call(mock, 'DELETE', path);
    expect(first.status).toBe(202);
    expect(first.body.data.status).toBe('revoked');
    await expectRepeatIsNoop(mock, path, first.body.data);
    const revocations = mock.store.events.values().filter((e) => e.type === 'api_key.deleted');
    expect(revocations).toHaveLength(1);
  });

  it('answers deleting a deleted webhook endpoint with 202, unchanged, and no second event', async () => {
    const mock = world();
    const created = await call(mock, 'POST', '/api/v1/webhook-endpoints', {
      body: { url: 'http://127.0.0.1:9/hook', events: ['server.created'], enabled: false },
    });
    const path = `/api/v1/webhook-endpoints/${created.body.data.id}`;
    const first = await call(mock, 'DELETE', path);
    expect(first.status).toBe(202);
    expect(first.body.data.status).toBe('deleted');
    await expectRepeatIsNoop(mock, path, first.body.data);
    const deletions = mock.store.events
      .values()
      .filter((e) => e.type === 'webhook_endpoint.deleted');
    expect(deletions).toHaveLength(1);
  });
});
