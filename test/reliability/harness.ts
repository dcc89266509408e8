import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import type { FetchLike, PuchifyOptions } from '../../src/index';
import { Puchify } from '../../src/index';
import { createMock } from '../../src/mock/create-mock';
import type { CreateMockOptions, Mock } from '../../src/mock/create-mock';

/** A server body the mock accepts; `name` is replaced per use. */
export const SERVER_BODY = { name: 'web-1', plan: 'shared-2', region: 'us-east' };

/** One isolated world: a fresh mock behind MSW and a client counting its requests. */
export interface World {
  mock: Mock;
  client: Puchify;
  /** Requests the client has sent whose answer is not fully read yet. */
  inflight(): number;
  /** Whether a request in flight waits on a fake timer the mock set (an injected delay). */
  isParked(): boolean;
  /** Every request that left the client, in order. */
  sent: SentRequest[];
  /** Builds another client on the same counting fetch. */
  makeClient(options?: PuchifyOptions): Puchify;
}

/** Requests in flight, and how many fake timers there were when the last one left. */
interface Counter {
  n: number;
  timersAtSend: number;
  /** Orders sends and answers on one scale. */
  seq: number;
}

/** One request as it left the client and, once answered, how it ended. */
export interface SentRequest {
  method: string;
  path: string;
  /** Position of the send among all sends and answers. */
  sentSeq: number;
  /** Status of the answer; undefined while in flight or when no answer came. */
  status?: number;
  answeredSeq?: number;
}

/** How a call ended, caught so a failure can be judged like a success. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

// Captured before any test fakes the timers, so the driver can wait in real time.
const realSetTimeout = globalThis.setTimeout;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const realSleep = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

/**
 * A fetch for the client that goes through the global fetch (so through MSW) and
 * reads each answer fully before handing it over. While any request is in flight
 * the driver must not move fake time, or a deadline could fire under a request
 * the in-process mock is still answering.
 */
function countingFetch(world: { sent: World['sent'] }, counter: Counter): FetchLike {
  return async (input, init) => {
    counter.n += 1;
    counter.timersAtSend = vi.getTimerCount();
    const sent: SentRequest = {
      method: input.method,
      path: new URL(input.url).pathname,
      sentSeq: counter.seq++,
    };
    world.sent.push(sent);
    try {
      const response = await globalThis.fetch(input, init);
      const body = await response.arrayBuffer();
      const { status, statusText, headers } = response;
      sent.status = status;
      sent.answeredSeq = counter.seq++;
      return new Response(status === 204 ? null : body, { status, statusText, headers });
    } finally {
      counter.n -= 1;
    }
  };
}

/**
 * Starts MSW once per file and gives each test a fresh mock on a manual clock and a
 * client with the default baseUrl, on fake timers (setTimeout, clearTimeout, Date).
 */
export function useWorld(
  mockOptions: CreateMockOptions = {},
  clientOptions: PuchifyOptions = {},
): () => World {
  const server = setupServer();
  let current: World | undefined;
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  const bugs: unknown[] = [];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    bugs.length = 0;
    const mock = createMock({
      clock: 'manual',
      onUnexpectedError: (error) => bugs.push(error),
      ...mockOptions,
    });
    server.resetHandlers(...mock.handlers);
    const counter: Counter = { n: 0, timersAtSend: 0, seq: 0 };
    const sent: World['sent'] = [];
    const fetch = countingFetch({ sent }, counter);
    const makeClient = (options: PuchifyOptions = {}) =>
      new Puchify({ apiKey: mock.apiKey, fetch, ...clientOptions, ...options });
    current = {
      mock,
      client: makeClient(),
      inflight: () => counter.n,
      isParked: () => counter.n > 0 && vi.getTimerCount() > counter.timersAtSend,
      sent,
      makeClient,
    };
  });
  afterEach(() => {
    current?.mock.close();
    vi.useRealTimers();
    // A 500 the mock did not mean to send is a bug in the mock, whatever the test saw.
    expect(bugs).toEqual([]);
  });
  afterAll(() => server.close());
  return () => {
    if (!current) throw new Error('useWorld() gives a world only inside a test.');
    return current;
  };
}

/** Options of `drive`. */
export interface DriveOptions {
  /**
   * Whether a request may sit in the mock on a fake timer (an injected delay). Then
   * time moves on while a request is in flight, once the mock has set a timer for it.
   */
  mayPark?: boolean;
}

const MAX_STEPS = 20_000;

/**
 * Runs `promise` to its end on fake time: lets in-process work finish, then jumps to
 * the next fake timer, and again, until the promise settles. Nothing really sleeps
 * except a parked request's few milliseconds.
 */
export async function drive<T>(
  world: World,
  promise: Promise<T>,
  options: DriveOptions = {},
): Promise<Outcome<T>> {
  let outcome: Outcome<T> | undefined;
  promise.then(
    (value) => (outcome = { ok: true, value }),
    (error: unknown) => (outcome = { ok: false, error }),
  );
  for (let step = 0; step < MAX_STEPS; step += 1) {
    await turn();
    if (outcome) return outcome;
    if (!(await settleInflight(world, options.mayPark === true))) continue;
    if (outcome) return outcome;
    if (vi.getTimerCount() > 0) vi.advanceTimersToNextTimer();
    else await realSleep(1);
  }
  throw new Error(`drive() gave up after ${MAX_STEPS} steps; the call never settled.`);
}

/**
 * Waits for the requests in flight to be answered. Returns true when fake time may
 * move: nothing in flight (after a few turns for the client to act on the answer),
 * or, with `mayPark`, a request held on a fake timer in the mock.
 */
async function settleInflight(world: World, mayPark: boolean): Promise<boolean> {
  const started = performance.now();
  while (world.inflight() > 0) {
    if (mayPark && world.isParked()) return true;
    if (performance.now() - started > 5_000) return false;
    await turn();
  }
  for (let i = 0; i < 3; i += 1) await turn();
  return true;
}

/** Fires every fake timer left (a mock still delaying an abandoned answer). */
export async function drain(world: World): Promise<void> {
  for (let step = 0; step < MAX_STEPS; step += 1) {
    await settleInflight(world, true);
    if (vi.getTimerCount() === 0 && world.inflight() === 0) {
      for (let i = 0; i < 5; i += 1) await turn();
      if (vi.getTimerCount() === 0) return;
    }
    if (vi.getTimerCount() > 0) vi.advanceTimersToNextTimer();
  }
  throw new Error('drain() gave up: timers keep coming.');
}

/** Runs a request straight through the mock, bypassing faults' effect on the client. */
export async function createServers(world: World, count: number, prefix: string) {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await world.mock.fetch(
      new Request(`${world.mock.baseUrl}/api/v1/servers`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${world.mock.apiKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ ...SERVER_BODY, name: `${prefix}-${i}` }),
      }),
    );
    expect(response.status).toBe(201);
    ids.push(((await response.json()) as { data: { id: string } }).data.id);
  }
  return ids;
}
