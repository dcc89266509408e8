// Testing your own code with puchify/mock: msw/node answers the client's requests to
// https://api.puchify.com from an in-memory Puchify, so tests need no network and no
// real key. In your project the imports are `from 'puchify'` and `from 'puchify/mock'`.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Puchify, ResourceFailedError, ServerError } from '../src/index';
import type { Server } from '../src/index';
import { createMock } from '../src/mock/index';

// The code under test: returns the running server called `name`, creating it if needed.
async function ensureServer(puchify: Puchify, name: string): Promise<Server> {
  for await (const server of puchify.servers.list({ status: 'running' })) {
    if (server.name === name) return server;
  }
  const { data } = await puchify.servers.create(
    { name, plan: 'shared-2', region: 'us-east' },
    { waitUntil: 'operational', wait: { intervalMs: 20 } },
  );
  return data;
}

// One world for the file, emptied after each test. Provisioning takes 10 ms instead of
// 2 s, and any server named "doomed" fails to provision.
const mock = createMock({
  timings: { provisionMs: 10 },
  failProvisioning: (body) => body['name'] === 'doomed',
});
const network = setupServer(...mock.handlers);
// No retries: a test of error handling should see the first failure at once.
const puchify = new Puchify({ apiKey: mock.apiKey, maxRetries: 0 });

beforeAll(() => network.listen({ onUnhandledFrame: 'error' }));
afterEach(() => mock.reset());
afterAll(() => {
  network.close();
  mock.close();
});

describe('ensureServer', () => {
  it('creates the server and waits until it runs', async () => {
    const server = await ensureServer(puchify, 'web-1');
    expect(server).toMatchObject({ name: 'web-1', status: 'running' });
  });

  it('reuses a running server instead of creating another', async () => {
    const first = await ensureServer(puchify, 'web-1');
    const second = await ensureServer(puchify, 'web-1');
    expect(second.id).toBe(first.id);
    expect(mock.store.servers.values()).toHaveLength(1);
  });

  it('fails with ResourceFailedError when provisioning fails', async () => {
    await expect(ensureServer(puchify, 'doomed')).rejects.toBeInstanceOf(ResourceFailedError);
  });

  it('surfaces a provider outage as a ServerError', async () => {
    mock.faults.add({ method: 'GET', path: '/api/v1/servers', status: 503, times: 1 });
    await expect(ensureServer(puchify, 'web-1')).rejects.toMatchObject({
      constructor: ServerError,
      status: 503,
      code: 'provider_unavailable',
    });
  });
});
