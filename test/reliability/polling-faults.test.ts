import { describe, expect, it } from 'vitest';
import { ResourceFailedError, WaitTimeoutError } from '../../src/index';
import { createServers, drive, useWorld, type World } from './harness';

const PROVISION_MS = 2_000;

// The mock runs on the fake clock too ('real' under fake timers), so provisioning
// completes as the waiter's pauses advance time.
const world = useWorld({
  clock: 'real',
  timings: { provisionMs: PROVISION_MS },
  failProvisioning: (body) => String(body['name']).startsWith('doomed'),
});

const reads = (w: World, id: string) =>
  w.sent.filter((request) => request.method === 'GET' && request.path.endsWith(id));

async function waitTimed<T>(w: World, promise: Promise<T>) {
  const startedAt = Date.now();
  const outcome = await drive(w, promise);
  return { outcome, elapsedMs: Date.now() - startedAt };
}

describe('servers.waitFor under faults', () => {
  it('survives 5xx and 429 answers during the wait and returns the running server', async () => {
    const w = world();
    const [id] = await createServers(w, 1, 'web');
    const path = `/api/v1/servers/${id}`;
    const faults = [
      w.mock.faults.add({ method: 'GET', path, status: 503, times: 4 }),
      w.mock.faults.add({ method: 'GET', path, status: 429, times: 3 }),
      w.mock.faults.add({ method: 'GET', path, status: 502, times: 2 }),
    ];
    const { outcome } = await waitTimed(w, w.client.servers.waitFor(id!, { intervalMs: 500 }));
    if (!outcome.ok) throw outcome.error;
    expect(outcome.value.status).toBe('running');
    expect(faults.map((fault) => fault.remaining)).toEqual([0, 0, 0]);
  });

  it('ends at the first read that sees failed, through a 503 burst', async () => {
    const w = world();
    const [id] = await createServers(w, 1, 'doomed');
    w.mock.faults.add({ method: 'GET', path: `/api/v1/servers/${id}`, status: 503, times: 2 });
    const wait = w.client.servers.waitFor(id!, { intervalMs: 1_000, backoff: 1 });
    const { outcome, elapsedMs } = await waitTimed(w, wait);
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: ResourceFailedError }).error;
    expect(error).toBeInstanceOf(ResourceFailedError);
    expect(error.status).toBe('failed');
    // The last read is the one that saw `failed`: nothing was read after it.
    expect(reads(w, id!).at(-1)?.status).toBe(200);
    expect(elapsedMs).toBeLessThan(PROVISION_MS + 1_000 + 1);
  });

  it('ends at the first read that sees deleted', async () => {
    const w = world();
    const [id] = await createServers(w, 1, 'web');
    const wait = w.client.servers.waitFor(id!, { intervalMs: 400, backoff: 1 });
    // Deleted while still creating, by another actor.
    const other = w.makeClient();
    const both = Promise.allSettled([wait, other.servers.delete(id!)]);
    const { outcome } = await waitTimed(w, both);
    if (!outcome.ok) throw outcome.error;
    const [waited, deleted] = outcome.value;
    expect(deleted.status).toBe('fulfilled');
    expect(waited.status).toBe('rejected');
    const error = (waited as PromiseRejectedResult).reason as ResourceFailedError;
    expect(error).toBeInstanceOf(ResourceFailedError);
    expect(error.status).toBe('deleted');
    expect(reads(w, id!).length).toBeLessThanOrEqual(2);
  });

  it.each([
    ['a server that never gets there', false],
    ['a server whose every read fails with 503', true],
  ])('gives up on %s within one poll interval of its timeout', async (_label, isBroken) => {
    const w = world();
    const [id] = await createServers(w, 1, 'web');
    // A stopped server never becomes running on its own.
    await drive(w, w.client.servers.waitFor(id!));
    await drive(w, w.client.servers.stop(id!));
    if (isBroken) w.mock.faults.add({ method: 'GET', path: `/api/v1/servers/${id}`, status: 503 });
    const timeoutMs = 10_000;
    const intervalMs = 700;
    const wait = w.client.servers.waitFor(id!, { timeoutMs, intervalMs, backoff: 1 });
    const { outcome, elapsedMs } = await waitTimed(w, wait);
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: WaitTimeoutError }).error;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.timeoutMs).toBe(timeoutMs);
    expect(elapsedMs).toBeGreaterThanOrEqual(timeoutMs);
    expect(elapsedMs).toBeLessThanOrEqual(timeoutMs + intervalMs);
  });
});
