// `npm start` end to end, and the tour's report of a failing step.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTour, TourStepError } from '../../examples/tour';
import type { TourOptions } from '../../examples/tour';
import { startMockServer } from '../../src/mock/server';
import type { MockServer } from '../../src/mock/server';

const root = join(import.meta.dirname, '..', '..');

/** Holds 127.0.0.1:port, or resolves to undefined when someone else already does. */
function occupy(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Runs `npm start`'s script; resolves to its exit code, output and duration. */
function runStart(): Promise<{ code: number | null; output: string; ms: number }> {
  const startedAt = Date.now();
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // The script must end by itself; the kill only bounds a hang so the test can report it.
  const guard = setTimeout(() => child.kill('SIGKILL'), 45_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, output, ms: Date.now() - startedAt });
    });
  });
}

describe('npm start', () => {
  it('runs the tour on another port when 4010 is taken, then exits 0 by itself', async () => {
    const blocker = await occupy(4010);
    try {
      const { code, output, ms } = await runStart();
      expect(output).toContain('Port 4010 is taken; using another free port.');
      for (const step of ['1. Create a server', '4. Stop and start', '7. Delete the server']) {
        expect(output).toContain(step);
      }
      expect(output).toMatch(/409 invalid_state_transition/);
      expect(output).toMatch(/webhook server\.stopped \(evt_\w+\) arrived, signature verified/);
      expect(output).toMatch(/[1-9]\d* answers were 429 rate_limited/);
      expect(output).toContain("listed by servers.list({ status: 'deleted' }): yes");
      expect(output).toMatch(/Tour complete in \d+\.\d s\.\n$/);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(30_000);
    } finally {
      blocker?.close();
    }
  }, 60_000);
});

describe('runTour', () => {
  const started: MockServer[] = [];
  const start = async (options: Parameters<typeof startMockServer>[0]) => {
    const server = await startMockServer({ port: 0, ...options });
    started.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });

  /** Two mocks as `npm start` has them; the second really allows `actualLimit` a second. */
  async function tourOptions(actualLimit: number): Promise<TourOptions> {
    const main = await start({ seed: 'demo', timings: { provisionMs: 50 } });
    const rateLimit = { limit: actualLimit, windowMs: 1_000 };
    const throttled = await start({ seed: 'empty', rateLimit });
    return {
      main: { baseUrl: main.url, apiKey: main.apiKey },
      throttled: { baseUrl: throttled.url, apiKey: throttled.apiKey, limit: 3, windowMs: 1_000 },
      print: () => undefined,
    };
  }

  it('names the first step and its error when creating the server fails', async () => {
    const options = await tourOptions(3);
    started[0]?.mock.faults.add({ method: 'POST', path: '/api/v1/servers', status: 403 });
    const failure = await runTour(options).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TourStepError);
    expect(failure).toMatchObject({
      step: 1,
      title: 'Create a server and wait until it is running',
    });
    expect((failure as Error).message).toMatch(
      new RegExp(
        String.raw`^Step 1 \(Create a server and wait until it is running\) failed: ` +
          String.raw`POST /api/v1/servers returned 403`,
      ),
    );
  });

  it('names the rate-limit step when the burst meets no 429', async () => {
    const options = await tourOptions(1_000);
    const failure = await runTour(options).catch((error: unknown) => error);
    expect(failure).toMatchObject({ step: 6, title: 'A rate limit, honoured' });
    expect((failure as Error).message).toContain('The burst met no 429');
  });
});
