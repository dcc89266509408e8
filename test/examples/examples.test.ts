// The runnable examples, run as a user runs them: the ESM and CJS scripts with node
// against the built package (imported by its own name) and a standalone mock; the
// webhook receiver with real HTTP; the vitest example with vitest; the browser page
// bundled for the browser. `npm test` builds dist/ before vitest runs this.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/server';
import type { MockServer } from '../../src/mock/server';
import { signPayload } from '../../src/webhooks/node';
import type { WebhookEvent } from '../../src/webhooks/node';
import { startWebhookReceiver } from '../../examples/webhook-receiver';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** The environment of a child process, without this vitest run's own variables. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')),
  );
  return { ...env, NODE_ENV: 'test', ...extra };
}

function requireBuild(): void {
  const files = ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'];
  if (!files.every((file) => existsSync(join(root, 'dist', file)))) {
    throw new Error('dist/ is missing or partial: run `npm run build` (npm test does) first.');
  }
}

describe('examples/node-esm.mjs and examples/node-cjs.cjs', () => {
  let mock: MockServer;
  const runExample = (file: string) =>
    run(process.execPath, [join(root, 'examples', file)], {
      cwd: root,
      timeout: 15_000,
      env: childEnv({ PUCHIFY_BASE_URL: mock.url, PUCHIFY_API_KEY: mock.apiKey }),
    });

  beforeAll(async () => {
    requireBuild();
    mock = await startMockServer({ port: 0, seed: 'demo', timings: { provisionMs: 50 } });
  });
  afterAll(() => mock?.close());

  it('type-check against the built package resolved by its own name', async () => {
    const tsconfig = join(root, 'test', 'examples', 'tsconfig.node-examples.json');
    await expect(run(bin('tsc'), ['-p', tsconfig], { cwd: root })).resolves.toBeDefined();
  });

  it('node-esm.mjs creates a server, waits until it runs and deletes it', async () => {
    const { stdout } = await runExample('node-esm.mjs');
    expect(stdout).toMatch(/^svr_\w+ is running\nsvr_\w+ is deleted\n$/);
  });

  it('node-cjs.cjs counts running servers across pages and catches a 404', async () => {
    const { stdout } = await runExample('node-cjs.cjs');
    const [count, notFound] = stdout.trim().split('\n');
    expect(Number(/^(\d+) servers running$/.exec(count ?? '')?.[1])).toBeGreaterThan(50);
    expect(notFound).toBe('404 server_not_found');
  });
});

describe('examples/webhook-receiver.ts', () => {
  const secret = 'whsec_exampleReceiverSecret0123456789';
  const events: WebhookEvent[] = [];
  const refusals: string[] = [];
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const body = JSON.stringify({
    id: 'evt_1',
    type: 'server.stopped',
    created_at: '2026-05-28T10:30:00Z',
    data: { id: 'svr_1' },
  });
  const post = async (signature: string) =>
    fetch(receiver.url, { method: 'POST', headers: { 'x-puchify-signature': signature }, body });

  beforeAll(async () => {
    receiver = await startWebhookReceiver({
      secret: () => secret,
      onEvent: (event) => events.push(event),
      onRejected: (error) => refusals.push(error.reason),
    });
  });
  afterAll(() => receiver?.close());

  it('answers 204 to a delivery signed with the secret and passes on the event', async () => {
    const response = await post(await signPayload(body, secret));
    expect(response.status).toBe(204);
    expect(events.map((event) => [event.id, event.type])).toEqual([['evt_1', 'server.stopped']]);
  });

  it('answers 400 with the reason to a delivery signed with another secret', async () => {
    const response = await post(await signPayload(body, 'whsec_someoneElse'));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('signature_mismatch');
    expect(refusals).toEqual(['signature_mismatch']);
  });
});

describe('examples/testing-with-mock.test.ts', () => {
  it('passes under vitest, as in a user project', async () => {
    const config = join(root, 'test', 'examples', 'vitest.examples.config.ts');
    const { stdout } = await run(bin('vitest'), ['run', '--config', config, '--reporter=dot'], {
      cwd: root,
      timeout: 30_000,
      env: childEnv({ CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' }),
    });
    expect(stdout).toMatch(/Tests\s+4 passed/);
  });
});

describe('examples/browser/main.ts', () => {
  it('bundles for the browser with the client and the mock', async () => {
    const result = await build({
      entryPoints: [join(root, 'examples', 'browser', 'main.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]?.text).toContain('setupWorker');
  });
});
