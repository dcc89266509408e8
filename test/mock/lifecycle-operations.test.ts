import { describe, expect, it } from 'vitest';
import { createMock } from '../../src/mock/create-mock';
import { CREATE_BODIES } from './fixtures';
import { call } from './harness';

const SERVER = { name: 'web-1', plan: 'shared-2', region: 'us-east' };
const direct = { direct: true };

describe('lifecycle', () => {
  it('ends provisioning in failed when failProvisioning says so', async () => {
    const mock = createMock({
      clock: 'manual',
      failProvisioning: (body) => body['name'] === 'doomed',
    });
    const doomed = await call(mock, 'POST', '/api/v1/servers', {
      ...direct,
      body: { ...SERVER, name: 'doomed' },
    });
    const fine = await call(mock, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    await mock.clock.advance(2_000);
    expect(mock.store.servers.get(doomed.body.data.id)?.status).toBe('failed');
    expect(mock.store.servers.get(fine.body.data.id)?.status).toBe('running');
    const events = await call(mock, 'GET', '/api/v1/events?type=server.failed', direct);
    expect(events.body.data.map((e: { resource_id: string }) => e.resource_id)).toEqual([
      doomed.body.data.id,
    ]);
    mock.close();
  });

  it('refuses an action from a state that does not allow it with 409', async () => {
    const mock = createMock({ clock: 'manual' });
    const created = await call(mock, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    const start = await call(mock, 'POST', `/api/v1/servers/${created.body.data.id}/start`, direct);
    expect(start.status).toBe(409);
    expect(start.body.error.code).toBe('invalid_state_transition');
    expect(start.body.error.message).toContain('stopped');
    mock.close();
  });

  it('names the refused action without conjugating it', async () => {
    const mock = createMock({ clock: 'manual' });
    const cases = [
      ['servers', SERVER, 'stop', 'Server', 'running'],
      ['databases', CREATE_BODIES.databases, 'backup', 'Database', 'available'],
      [
        'kubernetes-clusters',
        CREATE_BODIES.kubernetesClusters,
        'scale',
        'Kubernetes cluster',
        'healthy',
      ],
    ] as const;
    for (const [path, body, action, noun, allowed] of cases) {
      const created = await call(mock, 'POST', `/api/v1/${path}`, { ...direct, body });
      const id = created.body.data.id;
      const refused = await call(mock, 'POST', `/api/v1/${path}/${id}/${action}`, {
        ...direct,
        ...(action === 'scale' ? { body: { node_pool: 'default', node_count: 2 } } : {}),
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe(
        `${noun} ${id} is creating; the ${action} action is allowed only from: ${allowed}.`,
      );
    }
    mock.close();
  });

  it('keeps a server deleted while creating from coming back when provisioning ends', async () => {
    const mock = createMock({ clock: 'manual' });
    const created = await call(mock, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    await call(mock, 'DELETE', `/api/v1/servers/${created.body.data.id}`, direct);
    await mock.clock.advance(2_000);
    expect(mock.store.servers.get(created.body.data.id)?.status).toBe('deleted');
    await mock.clock.advance(30_000);
    expect(mock.store.servers.get(created.body.data.id)?.status).toBe('destroyed');
    mock.close();
  });

  it('moves on by itself on the real clock', async () => {
    const mock = createMock({ timings: { provisionMs: 20 } });
    const created = await call(mock, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(mock.store.servers.get(created.body.data.id)?.status).toBe('running');
    mock.close();
  });
});

describe('pagination', () => {
  it('neither skips nor repeats a server that exists throughout while others come and go', async () => {
    const mock = createMock({ clock: 'manual' });
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      const created = await call(mock, 'POST', '/api/v1/servers', {
        ...direct,
        body: { ...SERVER, name: `web-${i}` },
      });
      ids.push(created.body.data.id);
    }
    const doomed = new Set([ids[3], ids[12], ids[20]]);
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const answer = await call(
        mock,
        'GET',
        `/api/v1/servers?limit=5&sort=name&order=asc${query}`,
        direct,
      );
      seen.push(...answer.body.data.map((s: { id: string }) => s.id));
      cursor = answer.body.meta.next_cursor;
      // Between pages: a create and a delete, each landing before and after the position.
      await call(mock, 'POST', '/api/v1/servers', {
        ...direct,
        body: { ...SERVER, name: `aaa-${page}` },
      });
      await call(mock, 'POST', '/api/v1/servers', {
        ...direct,
        body: { ...SERVER, name: `zzz-${page}` },
      });
      const victim = [...doomed][page];
      if (victim) await call(mock, 'DELETE', `/api/v1/servers/${victim}`, direct);
      page++;
    } while (cursor && page < 50);
    for (const id of ids) {
      if (doomed.has(id)) continue;
      expect(seen.filter((s) => s === id)).toHaveLength(1);
    }
    expect(new Set(seen).size).toBe(seen.length);
    mock.close();
  });
});
