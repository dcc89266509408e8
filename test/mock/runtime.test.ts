import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertMockRuntime } from '../../src/mock/runtime';

const message = (version: string) =>
  `puchify/mock needs Node.js 22.12 or newer (msw 3 requires it); this is Node.js ${version}. ` +
  'The client and puchify/webhooks run on Node 20.';

describe('assertMockRuntime', () => {
  it.each(['20.18.0', '20.20.2', '22.11.0', '18.20.4', 'v21.7.3'])(
    'refuses Node.js %s with a message naming both versions',
    (node) => {
      expect(() => assertMockRuntime(() => ({ node }))).toThrow(message(node.replace(/^v/, '')));
    },
  );

  it.each(['22.12.0', '22.20.1', '23.0.0', '24.21.0', '30.1.0'])('accepts Node.js %s', (node) => {
    expect(() => assertMockRuntime(() => ({ node }))).not.toThrow();
  });

  it('accepts a browser, and Bun or Deno that report an old Node.js version', () => {
    expect(() => assertMockRuntime(() => undefined)).not.toThrow();
    expect(() => assertMockRuntime(() => ({}))).not.toThrow();
    expect(() => assertMockRuntime(() => ({ node: '20.0.0', bun: '1.2.0' }))).not.toThrow();
    expect(() => assertMockRuntime(() => ({ node: '18.0.0', deno: '1.46.0' }))).not.toThrow();
  });

  it('accepts the Node.js the tests run on', () => {
    expect(() => assertMockRuntime()).not.toThrow();
  });
});

const SYSTEM_NODE = '/usr/bin/node';
const BUILT_MOCK = join(import.meta.dirname, '../../dist/mock/index.js');
const BUILT_SERVER = join(import.meta.dirname, '../../dist/mock/server.js');

/** Runs `code` as an ES module under the system Node.js; returns its exit code and output. */
function runOnSystemNode(code: string) {
  const result = spawnSync(SYSTEM_NODE, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Why the real-runtime check cannot run here, or undefined when it can. */
function unavailable(): string | undefined {
  if (!existsSync(SYSTEM_NODE)) return `${SYSTEM_NODE} is missing`;
  if (!existsSync(BUILT_MOCK) || !existsSync(BUILT_SERVER)) {
    return 'dist/mock is missing: run `npm run build` (npm test builds first)';
  }
  const version = runOnSystemNode('process.stdout.write(process.versions.node)').stdout;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) {
    return `${SYSTEM_NODE} is Node.js ${version}, new enough for msw 3`;
  }
  return undefined;
}

describe('the built puchify/mock on the system Node.js', () => {
  const reason = unavailable();

  it('throws the version message from createMock and startMockServer', (context) => {
    context.skip(reason !== undefined, reason);
    const code = [
      `const { createMock } = await import(${JSON.stringify(BUILT_MOCK)});`,
      `const { startMockServer } = await import(${JSON.stringify(BUILT_SERVER)});`,
      'const out = { node: process.versions.node };',
      'try { createMock(); out.mock = "created"; } catch (e) { out.mock = e.message; }',
      'try { await startMockServer({ port: 0 }); out.server = "started"; process.exit(3); }',
      'catch (e) { out.server = e.message; }',
      'process.stdout.write(JSON.stringify(out));',
    ].join('\n');
    const run = runOnSystemNode(code);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { node: string; mock: string; server: string };
    expect(out.mock).toBe(message(out.node));
    expect(out.server).toBe(message(out.node));
  });
});
