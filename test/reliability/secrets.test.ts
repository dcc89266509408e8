import { inspect } from 'node:util';
import { expect, it } from 'vitest';
import type { Hooks, Logger, Puchify } from '../../src/index';
import { drive, useWorld, type World } from './harness';

const WRONG_KEY = 'pk_test_wrongKeyThatMustNeverBeShown0123';
const PSK = 'psk-Zq8mW2vN7xT4rY1u';
const DB_PASSWORD = 'pw-Kd93jfL0qpVb7Xc2';

const world = useWorld();

/** Everything a client said: log lines and hook events, as text. */
function recorder() {
  const lines: string[] = [];
  const write = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  const logger: Logger = {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
  const events: unknown[] = [];
  const hooks: Hooks = {
    onRequest: (event) => void events.push(event),
    onResponse: (event) => void events.push(event),
    onRetry: (event) => void events.push(event),
    onError: (event) => void events.push(event),
  };
  return { lines, events, options: { logger, logLevel: 'debug' as const, hooks } };
}

/** Every way an error can be shown: message, stack, JSON, inspect, each own property. */
function renderings(error: unknown, seen = new Set<unknown>()): string[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) return [String(error)];
  seen.add(error);
  const out = [
    String(error),
    inspect(error, { showHidden: true, depth: 20, getters: true }),
    safeJson(error),
  ];
  for (const key of Reflect.ownKeys(error)) {
    const value = (error as Record<PropertyKey, unknown>)[key];
    out.push(String(key), ...renderings(value, seen));
  }
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** Runs a call to its end on fake time and keeps its error, if any. */
async function attempt(w: World, errors: unknown[], call: () => Promise<unknown>) {
  const outcome = await drive(w, call());
  if (!outcome.ok) errors.push(outcome.error);
  return outcome.ok ? outcome.value : undefined;
}

/** Creates, fails and retries across every kind of secret the API handles. */
async function wholeRun(w: World, client: Puchify, errors: unknown[], secrets: string[]) {
  const { mock } = w;
  const run = (call: () => Promise<unknown>) => attempt(w, errors, call);

  // Retries of every kind, on calls that carry secrets in their bodies.
  mock.faults.add({ method: 'POST', path: '/api/v1/vpn-gateways', status: 503, times: 1 });
  mock.faults.add({ method: 'POST', path: '/api/v1/databases', dropConnection: true, times: 1 });
  mock.faults.add({ method: 'POST', path: '/api/v1/webhook-endpoints', status: 429, times: 1 });
  const vpn = {
    name: 'office',
    region: 'us-east',
    remote_network_cidr: '10.20.0.0/16',
    remote_peer_ip: '198.51.100.7',
    pre_shared_key: PSK,
  };
  await run(() => client.vpnGateways.create(vpn));
  const db = { name: 'main-db', engine: 'postgres', plan: 'db-2', region: 'us-east' };
  await run(() => client.databases.create({ ...db, password: DB_PASSWORD } as never));

  // Secrets the API hands out once: they belong in the answer, nowhere else.
  const endpoint = (await run(() =>
    // Loopback, closed port: the mock delivers only to loopback, and nothing listens.
    client.webhookEndpoints.create({ url: 'http://127.0.0.1:9/puchify' }),
  )) as { data: { id: string; secret: string } };
  secrets.push(endpoint.data.secret);
  const rotated = (await run(() => client.webhookEndpoints.rotateSecret(endpoint.data.id))) as {
    data: { secret: string };
  };
  secrets.push(rotated.data.secret);
  const key = (await run(() => client.apiKeys.create({ name: 'ci' }))) as {
    data: { id: string; key: string };
  };
  secrets.push(key.data.key);

  // Failures of every kind: refused, invalid, missing, exhausted, dropped, slow.
  await run(() => client.vpnGateways.create({ ...vpn, remote_peer_ip: 'not-an-ip' }));
  await run(() => client.databases.create({ ...db, plan: '', password: DB_PASSWORD } as never));
  await run(() => client.servers.get('svr_doesnotexist'));
  mock.faults.add({ method: 'GET', path: '/api/v1/servers', status: 500, times: 3 });
  await run(() => client.servers.list().then((page) => page));
  mock.faults.add({ method: 'GET', path: '/api/v1/events', dropConnection: true, times: 3 });
  await run(() => client.events.list().then((page) => page));
  mock.faults.add({ method: 'GET', path: '/api/v1/usage/summary', delayMs: 5_000, times: 1 });
  await drive(w, client.usage.getSummary({ timeout: 1_000 }), { mayPark: true }).then(
    (outcome) => outcome.ok || errors.push(outcome.error),
  );
}

it('keeps every key, secret and password out of log lines, hook events and errors', async () => {
  const w = world();
  const { lines, events, options } = recorder();
  const client = w.makeClient(options);
  const errors: unknown[] = [];
  const secrets = [w.mock.apiKey, WRONG_KEY, PSK, DB_PASSWORD];
  await wholeRun(w, client, errors, secrets);

  // The key created during the run works, then is revoked and refused.
  const created = secrets[secrets.length - 1]!;
  const ci = w.makeClient({ ...options, apiKey: created });
  await attempt(w, errors, () => ci.servers.list().then((page) => page));
  const ids = w.mock.store.apiKeys.values().filter((k) => k.name === 'ci');
  await attempt(w, errors, () => client.apiKeys.delete(ids[0]!.id));
  await attempt(w, errors, () => ci.servers.list().then((page) => page));

  // A client with a wrong key: its refusals must not quote the key either.
  const stranger = w.makeClient({ ...options, apiKey: WRONG_KEY });
  await attempt(w, errors, () => stranger.servers.list().then((page) => page));

  expect(lines.length).toBeGreaterThan(20);
  expect(errors.length).toBeGreaterThanOrEqual(8);
  expect(secrets.filter((secret) => typeof secret === 'string')).toHaveLength(7);
  const texts = [
    ...lines,
    ...events.map((event) => inspect(event, { showHidden: true, depth: 20 })),
    ...errors.flatMap((error) => renderings(error)),
  ];
  for (const secret of secrets) {
    const leaks = texts.filter((text) => text.includes(secret));
    expect(leaks, `a secret starting ${secret.slice(0, 6)} leaked`).toEqual([]);
  }
});

it('finds a secret hidden in a non-enumerable property of a cause', () => {
  const cause = new Error('inner');
  Object.defineProperty(cause, 'request', { value: { authorization: `Bearer ${PSK}` } });
  const texts = renderings(new Error('outer', { cause }));
  expect(texts.some((text) => text.includes(PSK))).toBe(true);
});
