import { describe, expect, it } from 'vitest';
import { createMock } from '../../src/mock/create-mock';
import { call } from './harness';

const SERVER = { name: 'web-1', plan: 'shared-2', region: 'us-east' };
const direct = { direct: true };

describe('createMock', () => {
  it('gives every world its own state, keys, clock and faults', async () => {
    const a = createMock({ clock: 'manual' });
    const b = createMock({ clock: 'manual' });
    await call(a, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    a.faults.add({ status: 503 });
    expect((await call(b, 'GET', '/api/v1/servers', direct)).body.data).toEqual([]);
    expect(a.apiKey).not.toBe(b.apiKey);
    const foreign = await call(b, 'GET', '/api/v1/servers', {
      ...direct,
      headers: { authorization: `Bearer ${a.apiKey}` },
    });
    expect(foreign.status).toBe(401);
    await a.clock.advance(10_000);
    expect(b.clock.now()).toBeLessThan(a.clock.now());
    a.close();
    b.close();
  });

  it('resets to an empty world that still accepts its key and session', async () => {
    const mock = createMock({ clock: 'manual' });
    await call(mock, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    mock.faults.add({ status: 500 });
    mock.reset();
    expect(mock.faults.size).toBe(0);
    expect(mock.clock.pending()).toBe(0);
    expect((await call(mock, 'GET', '/api/v1/servers', direct)).body.data).toEqual([]);
    const cookie = await call(mock, 'GET', '/api/v1/servers', {
      ...direct,
      auth: false,
      headers: { cookie: mock.sessionCookie },
    });
    expect(cookie.status).toBe(200);
    mock.close();
  });

  it('answers under a custom base URL with a path', async () => {
    const mock = createMock({ baseUrl: 'http://127.0.0.1:9999/puchify/' });
    const answer = await call(mock, 'GET', '/api/v1/servers', direct);
    expect(answer.status).toBe(200);
    expect(mock.baseUrl).toBe('http://127.0.0.1:9999/puchify');
    mock.close();
  });

  it('fills a demo world with a few hundred resources across regions', () => {
    const mock = createMock({ seed: 'demo', clock: 'manual' });
    const resources =
      mock.store.servers.size +
      mock.store.gpuServers.size +
      mock.store.databases.size +
      mock.store.kubernetesClusters.size +
      mock.store.loadBalancers.size +
      mock.store.vpnGateways.size;
    expect(resources).toBeGreaterThanOrEqual(200);
    expect(new Set(mock.store.servers.values().map((s) => s.region)).size).toBeGreaterThan(3);
    expect(mock.store.webhookEndpoints.values().every((e) => !e.enabled)).toBe(true);
    mock.close();
  });

  it('restores a snapshot, keeping keys as hashes and resuming lifecycles', async () => {
    const first = createMock({ clock: 'manual', apiKey: 'pk_test_0123456789abcdef' });
    const created = await call(first, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
    expect(JSON.stringify(snapshot)).not.toContain(first.apiKey);
    first.close();
    const second = createMock({
      clock: 'manual',
      apiKey: 'pk_test_0123456789abcdef',
      state: snapshot,
    });
    expect(second.store.apiKeys.size).toBe(1);
    await second.clock.advance(2_000);
    const got = await call(second, 'GET', `/api/v1/servers/${created.body.data.id}`, direct);
    expect(got.body.data.status).toBe('running');
    second.close();
  });
});
