import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/server';
import { FuzzGenerator, seededRandom, type FuzzRequest } from './fuzz-requests';

const REQUESTS = 10_000;
const RAW_SOCKETS = 300;
const CONCURRENCY = 16;
const TIME_CAP_MS = 40_000;
const SEED = Number(process.env['PUCHIFY_FUZZ_SEED'] ?? 20_261_204);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use after two full collections, in MiB. */
function settledHeapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** How the server answered, tallied. */
interface Tally {
  byStatus: Map<number, number>;
  /** Requests the connection ended without an answer (a 400 from the HTTP parser closes it). */
  resets: number;
  /** Requests node:http refused to send (e.g. an unescaped character in the path). */
  unsendable: number;
  fiveHundreds: Array<{ status: number; request: string }>;
}

function send(server: MockServer, agent: Agent, fuzz: FuzzRequest, tally: Tally): Promise<void> {
  const url = new URL(server.url);
  return new Promise((resolve) => {
    let req: ReturnType<typeof request>;
    try {
      req = request({
        host: url.hostname,
        port: url.port,
        method: fuzz.method,
        path: fuzz.path,
        headers: fuzz.headers,
        agent,
        timeout: 5_000,
      });
    } catch {
      tally.unsendable += 1;
      return resolve();
    }
    req.on('response', (response) => {
      const status = response.statusCode ?? 0;
      tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
      if (status >= 500) {
        tally.fiveHundreds.push({ status, request: `${fuzz.method} ${fuzz.path} ${fuzz.kind}` });
      }
      // A log tail never ends on its own; its status is all this run needs.
      if (String(response.headers['content-type']).includes('event-stream')) req.destroy();
      response.resume();
      response.on('end', resolve);
      response.on('close', resolve);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => {
      tally.resets += 1;
      resolve();
    });
    req.end(fuzz.body);
  });
}

/** Malformed HTTP straight onto a socket: the parser, not the mock, must refuse it. */
function sendRaw(server: MockServer, random: () => number): Promise<string> {
  const url = new URL(server.url);
  const payloads = [
    'GET /api/v1/servers HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
    'POST /api/v1/servers HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'GET / HTTP/9.9\r\n\r\n',
    '\u0000\u0001\u0002garbage\r\n\r\n',
    `GET /${'a'.repeat(70_000)} HTTP/1.1\r\n\r\n`,
    'GET /api/v1/servers HTTP/1.1\r\nHost: x\r\nX: \u00ff\u0000\r\n\r\n',
  ];
  const payload = payloads[Math.floor(random() * payloads.length)] as string;
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer.slice(0, 12)));
    socket.end(Buffer.from(payload, 'latin1'));
  });
}

async function fuzz(server: MockServer, count: number, seed: number, tally: Tally) {
  const random = seededRandom(seed);
  const generator = new FuzzGenerator(random, server.apiKey);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const deadline = performance.now() + TIME_CAP_MS;
  let sent = 0;
  const worker = async () => {
    while (sent < count && performance.now() < deadline) {
      sent += 1;
      await send(server, agent, generator.next(), tally);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  return sent;
}

const emptyTally = (): Tally => ({
  byStatus: new Map(),
  resets: 0,
  unsendable: 0,
  fiveHundreds: [],
});

it('answers 10,000 hostile requests without a crash or an unplanned 5xx, and frees them', async () => {
  const bugs: unknown[] = [];
  const server = await startMockServer({
    port: 0,
    host: '127.0.0.1',
    clock: 'manual',
    // Most requests should reach the handlers, not stop at the rate limit.
    rateLimit: { limit: 10_000_000 },
    onUnexpectedError: (error) => bugs.push(error),
  });
  try {
    // 1. Warm up (JIT, lazy schemas), then take the baseline of an empty world.
    await fuzz(server, 500, SEED + 1, emptyTally());
    server.mock.reset();
    const baselineMb = settledHeapMb();

    // 2. The run proper, and raw sockets with malformed HTTP.
    const tally = emptyTally();
    const started = performance.now();
    const sent = await fuzz(server, REQUESTS, SEED, tally);
    const fuzzSeconds = (performance.now() - started) / 1000;
    const rawRandom = seededRandom(SEED + 2);
    const raw: string[] = [];
    for (let i = 0; i < RAW_SOCKETS; i += 1) raw.push(await sendRaw(server, rawRandom));
    const seconds = (performance.now() - started) / 1000;

    // 3. Still alive and serving.
    const health = await fetch(`${server.url}/api/v1/servers`, {
      headers: { authorization: `Bearer ${server.apiKey}` },
    });
    expect(health.status).toBe(200);
    const withWorldMb = settledHeapMb();
    server.mock.reset();
    const afterMb = settledHeapMb();

    const statuses = [...tally.byStatus].sort(([a], [b]) => a - b);
    console.log(
      `[fuzz] seed ${SEED}: ${sent} requests in ${fuzzSeconds.toFixed(1)} s, ` +
        `then ${RAW_SOCKETS} raw sockets (${seconds.toFixed(1)} s in all); ` +
        `statuses ${statuses.map(([s, n]) => `${s}x${n}`).join(' ')}; ` +
        `${tally.resets} closed without answer, ${tally.unsendable} unsendable; ` +
        `5xx ${tally.fiveHundreds.length}; heap baseline ${baselineMb.toFixed(1)} MiB, ` +
        `after with world ${withWorldMb.toFixed(1)} MiB, after reset ${afterMb.toFixed(1)} MiB`,
    );
    expect(sent).toBeGreaterThanOrEqual(REQUESTS);
    expect(tally.fiveHundreds.slice(0, 5)).toEqual([]);
    expect(bugs).toEqual([]);
    // A keep-alive socket the server closes after an unread body can take the next
    // request down with it; that is the client's reset, not a mock failure, but rare.
    expect(tally.resets).toBeLessThan(sent * 0.05);
    expect(raw.every((answer) => answer === '' || answer.startsWith('HTTP/1.1 4'))).toBe(true);
    // Within noise of the baseline: nothing per request survives a reset.
    expect(afterMb - baselineMb).toBeLessThan(8);
  } finally {
    await server.close();
  }
});
