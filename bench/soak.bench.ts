// `npm run bench:soak`: 100,000 requests through the client against the standalone
// mock (startMockServer in a child process on 127.0.0.1) with 16 concurrent
// callers, bounded by count and by time. Prints requests per second, p50/p99
// latency, failures, and memory at start and end: the client's heap after gc and
// the mock's (a child process), both after gc.
//
// Flags: --requests N (default 100000), --concurrency N (16), --seconds N (240).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Puchify } from '../src/index';

const API_KEY = 'pk_test_soak0123456789abcdef';
const WARMUP = 1_000;

function readFlags() {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '100000' },
      concurrency: { type: 'string', default: '16' },
      seconds: { type: 'string', default: '240' },
    },
  });
  return {
    requests: Number(values.requests),
    concurrency: Number(values.concurrency),
    capMs: Number(values.seconds) * 1000,
  };
}

// The standalone server in a child process of its own, so the client and the mock
// are measured apart. It answers "heap" over IPC with its heap after gc.
const MOCK_CHILD = `
  import { startMockServer } from ${JSON.stringify(join(import.meta.dirname, '../src/mock/server.ts'))};
  const server = await startMockServer({
    port: 0, host: '127.0.0.1', apiKey: ${JSON.stringify(API_KEY)},
    rateLimit: { limit: 1_000_000_000 },
  });
  process.send({ url: server.url });
  process.on('message', () => {
    globalThis.gc(); globalThis.gc();
    const { heapUsed, rss } = process.memoryUsage();
    process.send({ heapMb: heapUsed / 1048576, rssMb: rss / 1048576 });
  });
  process.on('disconnect', () => server.close().then(() => process.exit(0)));
`;

interface MockProcess {
  child: ChildProcess;
  url: string;
  memory(): Promise<{ heapMb: number; rssMb: number }>;
}

/** Starts the mock on an ephemeral loopback port with a limit the run cannot reach. */
function startMock(): Promise<MockProcess> {
  const args = ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', MOCK_CHILD];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const memory = () =>
    new Promise<{ heapMb: number; rssMb: number }>((resolve) => {
      child.once('message', (message) => resolve(message as { heapMb: number; rssMb: number }));
      child.send('heap');
    });
  return new Promise((resolve, reject) => {
    child.once('message', (message) =>
      resolve({ child, url: (message as { url: string }).url, memory }),
    );
    child.on('exit', (code) => reject(new Error(`The mock child exited with ${code}.`)));
  });
}

function clientHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** One request of the mix: mostly reads, some list pages, a few creates. */
function oneCall(client: Puchify, ids: string[], n: number): Promise<unknown> {
  const roll = n % 100;
  if (roll < 1) {
    return client.servers.create({ name: `soak-${n}`, plan: 'shared-2', region: 'us-east' });
  }
  if (roll < 6) return client.servers.list({ limit: 20 }).then((page) => page);
  return client.servers.get(ids[n % ids.length]!);
}

interface RunResult {
  done: number;
  failures: number;
  latenciesMs: Float64Array;
  elapsedMs: number;
}

/** Runs `total` calls from `concurrency` workers, stopping early at `capMs`. */
async function run(
  client: Puchify,
  ids: string[],
  total: number,
  concurrency: number,
  capMs: number,
) {
  const latenciesMs = new Float64Array(total);
  let next = 0;
  let done = 0;
  let failures = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total && performance.now() - started < capMs) {
      const n = next++;
      const t0 = performance.now();
      try {
        await oneCall(client, ids, n);
      } catch {
        failures += 1;
      }
      latenciesMs[done++] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const result: RunResult = {
    done,
    failures,
    latenciesMs: latenciesMs.subarray(0, done),
    elapsedMs: performance.now() - started,
  };
  return result;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

async function main(): Promise<void> {
  const flags = readFlags();
  const mock = await startMock();
  const stop = () => mock.child.connected && mock.child.disconnect();
  process.once('SIGINT', () => (stop(), process.exit(130)));
  try {
    const client = new Puchify({ apiKey: API_KEY, baseUrl: mock.url });
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const { data } = await client.servers.create({
        name: `target-${i}`,
        plan: 'shared-2',
        region: 'us-east',
      });
      ids.push(data.id);
    }
    await run(client, ids, WARMUP, flags.concurrency, flags.capMs);
    const start = { heap: clientHeapMb(), mock: await mock.memory() };

    const result = await run(client, ids, flags.requests, flags.concurrency, flags.capMs);

    const end = { heap: clientHeapMb(), mock: await mock.memory() };
    const sorted = Float64Array.from(result.latenciesMs).sort();
    const seconds = result.elapsedMs / 1000;
    const mb = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(1));
    const lines = [
      `soak: ${result.done} requests (of ${flags.requests}) at concurrency ${flags.concurrency}` +
        ` in ${seconds.toFixed(1)} s${result.done < flags.requests ? ' (time cap reached)' : ''}`,
      `  throughput   ${(result.done / seconds).toFixed(0)} requests/s`,
      `  latency      p50 ${percentile(sorted, 50).toFixed(2)} ms, ` +
        `p99 ${percentile(sorted, 99).toFixed(2)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`,
      `  failures     ${result.failures}`,
      `  client heap  ${mb(start.heap)} MiB at start, ${mb(end.heap)} MiB at end (after gc)`,
      `  mock heap    ${mb(start.mock.heapMb)} MiB at start, ${mb(end.mock.heapMb)} MiB at end ` +
        `(after gc; RSS ${mb(start.mock.rssMb)} -> ${mb(end.mock.rssMb)} MiB); ` +
        'its world keeps the servers the 1% of creating calls add',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (result.failures > 0) process.exitCode = 1;
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:soak failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
