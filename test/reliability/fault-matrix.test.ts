import { describe, expect, it } from 'vitest';
import {
  ConnectionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type Puchify,
  type RequestOptions,
} from '../../src/index';
import type { FaultHandle, FaultSpec } from '../../src/mock/faults';
import { SERVER_BODY, createServers, drain, drive, useWorld, type World } from './harness';

type ErrorClass = abstract new (...args: never[]) => Error;
type OpName = 'create' | 'action' | 'delete' | 'get' | 'list';

/** What one call of an operation returned, reduced to what the judge needs. */
interface Result {
  ids: string[];
  providers: string[];
}

/** One operation of the matrix: how to set it up, run it and read its effect. */
interface Op {
  method: string;
  path: (id: string) => string;
  /** Creates what the call acts on; returns the id it targets ('' for none). */
  prepare(world: World, name: string): Promise<string>;
  /** Runs the call; `inject` adds the fault at the moment that matters. */
  run(
    client: Puchify,
    id: string,
    name: string,
    inject: () => void,
    options: RequestOptions,
  ): Promise<Result>;
  /** How many times the mock applied the change (0 for reads). */
  applied(world: World, id: string, name: string): number;
}

const running = async (world: World, name: string): Promise<string> => {
  const [id] = await createServers(world, 1, name);
  await world.mock.clock.advance(5_000);
  expect(world.mock.store.servers.get(id!)?.status).toBe('running');
  return id!;
};

const single = (envelope: { data: { id: string }; meta: { provider: string } }): Result => ({
  ids: [envelope.data.id],
  providers: [envelope.meta.provider],
});

const LIST_SIZE = 120;

const OPS: Record<OpName, Op> = {
  create: {
    method: 'POST',
    path: () => '/api/v1/servers',
    prepare: async () => '',
    async run(client, _id, name, inject, options) {
      inject();
      return single(await client.servers.create({ ...SERVER_BODY, name }, options));
    },
    applied: (world, _id, name) =>
      world.mock.store.servers.values().filter((server) => server.name === name).length,
  },
  action: {
    method: 'POST',
    path: (id) => `/api/v1/servers/${id}/stop`,
    prepare: running,
    async run(client, id, _name, inject, options) {
      inject();
      return single(await client.servers.stop(id, options));
    },
    applied: (world, id) =>
      world.mock.store.events
        .values()
        .filter((event) => event.type === 'server.stopped' && event.resource_id === id).length,
  },
  delete: {
    method: 'DELETE',
    path: (id) => `/api/v1/servers/${id}`,
    prepare: running,
    async run(client, id, _name, inject, options) {
      inject();
      return single(await client.servers.delete(id, options));
    },
    // A repeated DELETE answers 202 without acting, so the status alone cannot tell one
    // deletion from two: count the status changes into `deleted` the mock logged.
    applied: (world, id) =>
      world.mock.store.logs
        .values()
        .filter((entry) => entry.resource_id === id && entry.attributes['to'] === 'deleted').length,
  },
  get: {
    method: 'GET',
    path: (id) => `/api/v1/servers/${id}`,
    prepare: running,
    async run(client, id, _name, inject, options) {
      inject();
      return single(await client.servers.get(id, options));
    },
    applied: () => 0,
  },
  list: {
    method: 'GET',
    path: () => '/api/v1/servers',
    prepare: async (world, name) => {
      await createServers(world, LIST_SIZE, name);
      return '';
    },
    // The fault strikes after the first page, in the middle of the walk.
    async run(client, _id, _name, inject, options) {
      const result: Result = { ids: [], providers: [] };
      for await (const page of client.servers.list({ limit: 50 }, options).pages()) {
        result.ids.push(...page.data.map((server) => server.id));
        result.providers.push(page.meta.provider);
        if (result.providers.length === 1) inject();
      }
      return result;
    },
    applied: () => 0,
  },
};

/** One row of the matrix: a fault and what each operation must end in under it. */
interface FaultCase {
  name: string;
  fault: Omit<FaultSpec, 'method' | 'path'>;
  /** 'ok', or the error class the call must fail with. */
  expect: 'ok' | ErrorClass | Partial<Record<OpName, 'ok' | ErrorClass>>;
  /** Whether a failed write still took effect (the mock acted before the failure). */
  actsOnFailure?: boolean;
  timeoutMs?: number;
  /** The fault parks a request on a timer (a delay). */
  mayPark?: boolean;
  provider?: string;
}

// Default client: maxRetries 2, so three attempts; a fault of `times: 2` is survivable
// and `times: 3` is not.
const CASES: FaultCase[] = [
  { name: '429 burst with Retry-After', fault: { status: 429, times: 2 }, expect: 'ok' },
  {
    name: '429 burst without Retry-After',
    fault: { status: 429, retryAfterSeconds: null, times: 2 },
    expect: 'ok',
    // The client then waits for X-RateLimit-Reset, the end of the mock's minute
    // window: up to 60 s, then a whole window for the second 429. Started in the first
    // second of a minute, that is 120 s, the default timeout, and the call times out
    // (rightly); a longer timeout keeps the cell about retries, whatever the clock says.
    timeoutMs: 180_000,
  },
  { name: '429 past the retries', fault: { status: 429, times: 3 }, expect: RateLimitError },
  { name: '500 burst', fault: { status: 500, times: 2 }, expect: 'ok' },
  { name: '502 burst', fault: { status: 502, times: 2 }, expect: 'ok' },
  { name: '503 burst', fault: { status: 503, times: 2 }, expect: 'ok' },
  { name: '503 past the retries', fault: { status: 503, times: 3 }, expect: ServerError },
  {
    name: 'slow answer within the timeout',
    fault: { delayMs: 3_000, times: 1 },
    expect: 'ok',
    timeoutMs: 5_000,
    mayPark: true,
  },
  {
    name: 'slow answer past the timeout, before the server acted',
    fault: { delayMs: 10_000, times: 1 },
    expect: TimeoutError,
    // The mock goes on once its delay ends, as a slow backend would.
    actsOnFailure: true,
    timeoutMs: 5_000,
    mayPark: true,
  },
  {
    name: 'slow answer past the timeout, after the server acted',
    fault: { delayMs: 10_000, when: 'after', times: 1 },
    expect: TimeoutError,
    actsOnFailure: true,
    timeoutMs: 5_000,
    mayPark: true,
  },
  {
    name: 'dropped connection before the server acted',
    fault: { dropConnection: true, times: 2 },
    expect: 'ok',
  },
  {
    name: 'dropped connection past the retries',
    fault: { dropConnection: true, times: 3 },
    expect: ConnectionError,
  },
  {
    name: 'dropped connection after the server acted',
    fault: { dropConnection: true, when: 'after', times: 1 },
    // Creates and actions replay under their Idempotency-Key. A DELETE has no key, but
    // DELETE is idempotent: its retry finds the server deleted and gets 202 with it.
    expect: 'ok',
    actsOnFailure: true,
  },
  {
    name: '502 after the server acted',
    fault: { status: 502, when: 'after', times: 1 },
    // Same as a dropped answer: the retried DELETE gets 202, and the delete happened once.
    expect: 'ok',
    actsOnFailure: true,
  },
  {
    name: 'degraded provider',
    fault: { provider: 'degraded' },
    expect: 'ok',
    provider: 'degraded',
  },
];

function expectedFor(cell: FaultCase, op: OpName): 'ok' | ErrorClass {
  if (cell.expect === 'ok' || typeof cell.expect === 'function') return cell.expect;
  return cell.expect[op] ?? 'ok';
}

const world = useWorld();

describe.each(CASES)('under $name', (cell) => {
  it.each(Object.keys(OPS) as OpName[])('%s succeeds once or fails typed', async (opName) => {
    const w = world();
    const op = OPS[opName];
    const name = `cell-${opName}`;
    const id = await op.prepare(w, name);
    const before = op.applied(w, id, name);
    let handle: FaultHandle | undefined;
    const inject = () => {
      handle = w.mock.faults.add({ ...cell.fault, method: op.method, path: op.path(id) });
    };
    const options = cell.timeoutMs === undefined ? {} : { timeout: cell.timeoutMs };
    const outcome = await drive(w, op.run(w.client, id, name, inject, options), {
      mayPark: cell.mayPark === true,
    });
    await drain(w);
    const applied = op.applied(w, id, name) - before;
    // A fault that never matched would make every 'ok' cell pass for nothing.
    if (cell.fault.times !== undefined) expect(handle?.remaining).toBe(0);
    const expected = expectedFor(cell, opName);
    const isWrite = opName !== 'get' && opName !== 'list';

    if (expected === 'ok') {
      if (!outcome.ok) throw outcome.error;
      const { ids, providers } = outcome.value;
      expect(applied).toBe(isWrite ? 1 : 0);
      if (opName === 'list') expect(new Set(ids).size).toBe(LIST_SIZE);
      if (opName === 'create') expect(w.mock.store.servers.get(ids[0]!)?.name).toBe(name);
      if (opName !== 'create' && opName !== 'list') expect(ids).toEqual([id]);
      expect(ids).toHaveLength(new Set(ids).size);
      // A list's fault strikes after its first page, so that page is still connected.
      const touched = opName === 'list' ? providers.slice(1) : providers;
      expect(new Set(touched)).toEqual(new Set([cell.provider ?? 'connected']));
    } else {
      expect(outcome.ok, 'a failure, not a silent success').toBe(false);
      expect((outcome as { error: unknown }).error).toBeInstanceOf(expected);
      expect(applied).toBe(isWrite && cell.actsOnFailure ? 1 : 0);
    }
  });
});
