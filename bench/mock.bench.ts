// `npm run bench:mock`: throughput of the standalone mock over loopback HTTP.
//
// Three servers answer the same two requests (GET one server; list a page of 50):
//   bare  a node:http server writing the same JSON bytes,
//   msw   one MSW handler served through msw's getResponse over node:http,
//   mock  startMockServer with the full handler set, auth, rate limit, validation
//         and a demo world.
// Each runs in its own child process so the load generator (this process) does not
// share its CPU. The three take turns in rounds and the median round of each counts,
// so a noisy neighbour slows all three alike. Every round is bounded in count and time. Ratios are printed as
// mock/bare and mock/msw (target: mock/msw >= 0.8). Finally the mock's heap is
// measured (after gc) before and after up to 100,000 requests.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const API_KEY = 'pk_bench_0123456789abcdef';
const ROUNDS = 5;
const SEQUENTIAL = 600;
const CONCURRENT = 2_400;
const CONCURRENCY = 16;
const ROUND_LIMIT_MS = 2_000;
const MEMORY_REQUESTS = 100_000;
const MEMORY_LIMIT_MS = 90_000;

type Kind = 'bare' | 'msw' | 'mock';

interface Ready {
  url: string;
  getPath: string;
  listPath: string;
}

// ---------------------------------------------------------------- child side

async function childMain(kind: Kind): Promise<void> {
  const { startMockServer } = await import('../src/mock/server');
  // The bodies the other two servers send are taken from the mock itself, so
  // all three write the same bytes.
  const mock = await startMockServer({
    port: 0,
    apiKey: API_KEY,
    seed: 'demo',
    rateLimit: { limit: 1_000_000_000 },
  });
  const id = mock.mock.store.servers.values().find((s) => s.status === 'running')!.id;
  const getPath = `/api/v1/servers/${id}`;
  const listPath = '/api/v1/servers?limit=50';
  const auth = { authorization: `Bearer ${API_KEY}` };
  const getBody = await (await fetch(`${mock.url}${getPath}`, { headers: auth })).text();
  const listBody = await (await fetch(`${mock.url}${listPath}`, { headers: auth })).text();

  let url = mock.url;
  if (kind === 'bare') {
    await mock.close();
    url = await bareServer(getBody, listBody);
  } else if (kind === 'msw') {
    await mock.close();
    url = await mswServer(getBody, listBody);
  }
  process.on('message', (message) => {
    if (message !== 'memory') return;
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ heapUsed: process.memoryUsage().heapUsed });
  });
  process.send!({ url, getPath, listPath } satisfies Ready);
}

function listen(server: ReturnType<typeof createServer>): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function headersFor(body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'x-ratelimit-limit': '1000',
    'x-ratelimit-remaining': '999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 60),
    'x-request-id': 'req_bench',
    date: new Date().toUTCString(),
  };
}

function bareServer(getBody: string, listBody: string): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    const body = req.url?.includes('limit=') ? listBody : getBody;
    res.writeHead(200, headersFor(body)).end(body);
  });
  server.keepAliveTimeout = 60_000;
  return listen(server);
}

async function mswServer(getBody: string, listBody: string): Promise<string> {
  const { getResponse, http } = await import('msw');
  // One handler: the baseline the mock's 0.8x target is measured against. It
  // picks the body by query so one handler serves both scenarios.
  const handlers = [
    http.get('https://api.puchify.com/api/v1/servers*', ({ request }) => {
      const body = request.url.includes('limit=') ? listBody : getBody;
      return new Response(body, { headers: headersFor(body) });
    }),
  ];
  const server = createServer(async (req, res) => {
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    }
    req.resume();
    const request = new Request(`https://api.puchify.com${req.url}`, { headers });
    const response = (await getResponse(handlers, request))!;
    const out: Record<string, string> = {};
    response.headers.forEach((value, key) => (out[key] = value));
    res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
  });
  server.keepAliveTimeout = 60_000;
  return listen(server);
}

// ---------------------------------------------------------------- parent side

interface Child {
  process: ChildProcess;
  ready: Ready;
}

async function start(kind: Kind): Promise<Child> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, MOCK_BENCH_ROLE: kind },
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`The ${kind} server exited with ${code}.`)));
  });
  return { process: child, ready };
}

async function stop(child: Child): Promise<void> {
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  await exited;
}

/** Runs up to `total` requests with `concurrency` workers; returns requests per second. */
async function load(url: string, total: number, concurrency: number, limitMs: number) {
  const headers = { authorization: `Bearer ${API_KEY}` };
  let sent = 0;
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    while (sent < total && performance.now() - started < limitMs) {
      sent++;
      const response = await fetch(url, { headers });
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}.`);
      await response.arrayBuffer();
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: done / seconds, done };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function heapOf(child: Child): Promise<number> {
  const reply = new Promise<{ heapUsed: number }>((resolve) =>
    child.process.once('message', (message) => resolve(message as { heapUsed: number })),
  );
  child.process.send('memory');
  return (await reply).heapUsed;
}

async function parentMain(): Promise<void> {
  const scenarios = [
    { name: 'GET one, sequential', path: 'getPath', total: SEQUENTIAL, concurrency: 1 },
    {
      name: 'GET one, concurrency 16',
      path: 'getPath',
      total: CONCURRENT,
      concurrency: CONCURRENCY,
    },
    { name: 'list 50, sequential', path: 'listPath', total: SEQUENTIAL, concurrency: 1 },
    {
      name: 'list 50, concurrency 16',
      path: 'listPath',
      total: CONCURRENT,
      concurrency: CONCURRENCY,
    },
  ] as const;
  const kinds = ['bare', 'msw', 'mock'] as const;
  const children = {} as Record<Kind, Child>;
  for (const kind of kinds) children[kind] = await start(kind);
  const results = new Map<string, Record<Kind, number>>();
  for (const scenario of scenarios) {
    const rounds: Record<Kind, number[]> = { bare: [], msw: [], mock: [] };
    const urlOf = (kind: Kind) =>
      `${children[kind].ready.url}${children[kind].ready[scenario.path]}`;
    for (const kind of kinds) await load(urlOf(kind), 300, scenario.concurrency, 2_000);
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of kinds) {
        const { perSecond } = await load(
          urlOf(kind),
          scenario.total,
          scenario.concurrency,
          ROUND_LIMIT_MS,
        );
        rounds[kind].push(perSecond);
      }
    }
    results.set(scenario.name, {
      bare: median(rounds.bare),
      msw: median(rounds.msw),
      mock: median(rounds.mock),
    });
  }
  for (const kind of kinds) await stop(children[kind]);

  console.log('scenario                   bare req/s  msw req/s  mock req/s  mock/bare  mock/msw');
  for (const [name, row] of results) {
    console.log(
      `${name.padEnd(26)} ${row.bare.toFixed(0).padStart(10)} ${row.msw.toFixed(0).padStart(10)} ` +
        `${row.mock.toFixed(0).padStart(11)} ${(row.mock / row.bare).toFixed(2).padStart(9)}x ` +
        `${(row.mock / row.msw).toFixed(2).padStart(8)}x${row.mock / row.msw >= 0.8 ? '' : '  (below 0.8 target)'}`,
    );
  }

  const mock = await start('mock');
  const url = `${mock.ready.url}${mock.ready.getPath}`;
  await load(url, 2_000, CONCURRENCY, 5_000);
  const before = await heapOf(mock);
  const { done } = await load(url, MEMORY_REQUESTS, CONCURRENCY, MEMORY_LIMIT_MS);
  const after = await heapOf(mock);
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `mock heap after gc: ${mib(before)} MiB before, ${mib(after)} MiB after ${done} requests ` +
      `(${done < MEMORY_REQUESTS ? `time limit of ${MEMORY_LIMIT_MS / 1000} s reached; ` : ''}` +
      `growth ${mib(after - before)} MiB)`,
  );
  await stop(mock);
}

const role = process.env['MOCK_BENCH_ROLE'] as Kind | undefined;
if (role) {
  process.on('SIGTERM', () => process.exit(0));
  await childMain(role);
} else {
  await parentMain();
}
