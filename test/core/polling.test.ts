import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorFromResponse } from '../../src/core/error-from-response';
import {
  ConnectionError,
  RequestAbortedError,
  ResourceFailedError,
  WaitTimeoutError,
  type ApiError,
} from '../../src/core/errors';
import {
  failuresFor,
  pollUntil,
  type LifecycleLike,
  type WaitOptions,
} from '../../src/core/polling';

const servers: LifecycleLike = {
  operational: 'running',
  failures: ['failed', 'deleted', 'destroyed'],
  deletion: ['deleted', 'destroyed'],
};
const vpn: LifecycleLike = {
  operational: 'active',
  failures: ['failed', 'deleting', 'deleted', 'destroyed'],
  deletion: ['deleting', 'deleted', 'destroyed'],
};

type Server = { id: string; status: string };
type Step = string | Error;

function httpError(status: number, retryAfter?: string): ApiError {
  return errorFromResponse({
    method: 'GET',
    path: '/api/v1/servers/svr_1',
    status,
    headers: new Headers(retryAfter ? { 'retry-after': retryAfter } : {}),
    body: undefined,
    retryAfterMs: retryAfter ? Number(retryAfter) * 1000 : undefined,
  });
}

/** A read that walks through the steps (the last repeats), recording when each read happened. */
function scripted(steps: Step[], lifecycle = servers) {
  const readsAt: number[] = [];
  const signals: AbortSignal[] = [];
  const start = Date.now();
  return {
    readsAt,
    signals,
    target: {
      resourceId: 'svr_1',
      path: '/api/v1/servers/svr_1',
      lifecycle,
      read: async (signal: AbortSignal): Promise<Server> => {
        signals.push(signal);
        readsAt.push(Date.now() - start);
        const step = steps[Math.min(readsAt.length - 1, steps.length - 1)]!;
        if (step instanceof Error) throw step;
        return { id: 'svr_1', status: step };
      },
    },
  };
}

function run(steps: Step[], options: WaitOptions<string, Server> = {}, lifecycle = servers) {
  const script = scripted(steps, lifecycle);
  const outcome = pollUntil(script.target, options).then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...script, outcome };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('pollUntil', () => {
  it('resolves with the resource once it reaches the operational status', async () => {
    const { outcome, readsAt } = run(['creating', 'creating', 'running']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await outcome).value).toEqual({ id: 'svr_1', status: 'running' });
    // Pauses of 1000 ms, then 1500 ms (backoff 1.5).
    expect(readsAt).toEqual([0, 1000, 2500]);
  });

  it('polls at a fixed rate with backoff 1 and caps pauses at maxIntervalMs', async () => {
    const fixed = run(['creating', 'creating', 'creating', 'running'], {
      intervalMs: 200,
      backoff: 1,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(fixed.readsAt).toEqual([0, 200, 400, 600]);
    const capped = run(['creating', 'creating', 'creating', 'running'], {
      intervalMs: 1000,
      backoff: 3,
      maxIntervalMs: 2000,
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(capped.readsAt).toEqual([0, 1000, 3000, 5000]);
  });

  it('waits for an explicit status given in until', async () => {
    const { outcome } = run(['running', 'stopped'], { until: 'stopped' });
    await vi.advanceTimersByTimeAsync(5000);
    expect((await outcome).value?.status).toBe('stopped');
  });

  it.each(['failed', 'deleted', 'destroyed'])(
    'ends at once with ResourceFailedError holding the resource on %s',
    async (status) => {
      const { outcome, readsAt } = run(['creating', status, 'running']);
      await vi.advanceTimersByTimeAsync(10_000);
      const { error } = await outcome;
      expect(error).toBeInstanceOf(ResourceFailedError);
      expect((error as ResourceFailedError).resource).toEqual({ id: 'svr_1', status });
      expect((error as ResourceFailedError).status).toBe(status);
      expect((error as Error).message).toBe(
        `svr_1 reached status "${status}" while waiting for "running"; it will not get ` +
          'there. Inspect the resource and its events, then create a new one.',
      );
      expect(readsAt).toHaveLength(2);
    },
  );

  it('keeps waiting through a status it does not know', async () => {
    const { outcome } = run(['creating', 'warming_up', 'running']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await outcome).value?.status).toBe('running');
  });

  it.each([401, 403, 404])('ends at once on a %i during the wait', async (status) => {
    const failure = httpError(status);
    const { outcome, readsAt } = run(['creating', failure]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await outcome).error).toBe(failure);
    expect(readsAt).toHaveLength(2);
  });

  it('goes on after a 5xx or network failure that outlasted the transport’s retries', async () => {
    const { outcome, readsAt } = run([
      'creating',
      httpError(503),
      new ConnectionError('GET', '/x', null),
      'running',
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await outcome).value?.status).toBe('running');
    expect(readsAt).toHaveLength(4);
  });

  it('honours the Retry-After of a 429 that reached the waiter', async () => {
    const { outcome, readsAt } = run([httpError(429, '7'), 'running']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await outcome).value?.status).toBe('running');
    expect(readsAt).toEqual([0, 7000]);
  });

  it('ends with WaitTimeoutError holding the last resource at timeoutMs', async () => {
    const { outcome } = run(['creating'], { timeoutMs: 5000, intervalMs: 1000, backoff: 1 });
    await vi.advanceTimersByTimeAsync(4999);
    let settled = false;
    void outcome.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await outcome;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).resource).toEqual({ id: 'svr_1', status: 'creating' });
    expect((error as Error).message).toBe(
      'svr_1 did not reach status "running" within 5000ms; it is still "creating". ' +
        'Raise timeoutMs or check it later.',
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts a read in flight when the deadline passes', async () => {
    const script = scripted(['creating']);
    const hanging = {
      ...script.target,
      read: (signal: AbortSignal) =>
        new Promise<Server>((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        ),
    };
    const outcome = pollUntil(hanging, { timeoutMs: 3000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(3000);
    const error = await outcome;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).resource).toBe(undefined);
  });

  it('ends a pause at once when the signal aborts', async () => {
    const controller = new AbortController();
    const { outcome, readsAt } = run(['creating'], {
      signal: controller.signal,
      intervalMs: 30_000,
    });
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const { error } = await outcome;
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(readsAt).toEqual([0]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts a read in flight when the signal aborts', async () => {
    const controller = new AbortController();
    const script = scripted(['creating']);
    let readSignal: AbortSignal | undefined;
    const hanging = {
      ...script.target,
      read: (signal: AbortSignal) => {
        readSignal = signal;
        return new Promise<Server>((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        );
      },
    };
    const outcome = pollUntil(hanging, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(await outcome).toBeInstanceOf(RequestAbortedError);
    expect(readSignal?.aborted).toBe(true);
  });

  it('reports each read to onProgress with attempt and elapsed time', async () => {
    const progress: [string, number, number][] = [];
    const { outcome } = run(['creating', 'running'], {
      onProgress: (r, p) => progress.push([r.status, p.attempt, p.elapsedMs]),
    });
    await vi.advanceTimersByTimeAsync(2000);
    await outcome;
    expect(progress).toEqual([
      ['creating', 1, 0],
      ['running', 2, 1000],
    ]);
  });

  it('waits through the deletion steps on the way to destroyed', async () => {
    const { outcome } = run(['deleting', 'deleted', 'destroyed'], { until: 'destroyed' }, vpn);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await outcome).value?.status).toBe('destroyed');
  });

  it.each([
    [
      { timeoutMs: -1 },
      'The timeoutMs option of waitFor takes a number from 0 to 2147483647; received -1.',
    ],
    [
      { backoff: 0.5 },
      'The backoff option of waitFor takes a number from 1 to 2147483647; received 0.5.',
    ],
    [
      { intervalMs: Number.POSITIVE_INFINITY },
      'The intervalMs option of waitFor takes a number from 0 to 2147483647; received Infinity.',
    ],
    // Past 2^31 - 1 ms a timer fires at once: the wait would end at once, or poll flat out.
    [
      { timeoutMs: 2 ** 31 },
      'The timeoutMs option of waitFor takes a number from 0 to 2147483647; received 2147483648.',
    ],
    [
      { maxIntervalMs: 3e9 },
      'The maxIntervalMs option of waitFor takes a number from 0 to 2147483647; received 3000000000.',
    ],
    [{ signal: {} }, 'The signal option of waitFor takes an AbortSignal.', TypeError],
    [{ onProgress: 5 }, 'The onProgress option of waitFor takes a function.', TypeError],
  ])('rejects %o before reading', async (options, message, Type = RangeError) => {
    const { outcome, readsAt } = run(['running'], options as never);
    expect((await outcome).error).toEqual(new Type(message));
    expect(readsAt).toEqual([]);
  });
});

describe('failuresFor', () => {
  it('lists the documented failures for the operational target', () => {
    expect([...failuresFor(vpn, 'active')]).toEqual(['failed', 'deleting', 'deleted', 'destroyed']);
  });

  it('drops the deletion steps up to the target', () => {
    expect([...failuresFor(vpn, 'deleted')]).toEqual(['failed', 'destroyed']);
    expect([...failuresFor(servers, 'destroyed')]).toEqual(['failed']);
  });
});
