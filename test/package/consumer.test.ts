// Installs the packed tarball into a throwaway project and uses it as a user would: every
// entry point imported as ESM and required as CJS under Node 20 (the floor) and Node 24.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/package-tarball';
import { assertBuilt } from './bundle';
import {
  createConsumerProject,
  findNode,
  runJson,
  startMockProcess,
  typecheck,
} from './consumer-project';
import type { MockProcess } from './consumer-project';
import { consumerTsconfigs } from './consumer-sources';

const project = join(root, '.tmp', 'consumer');
const installed = join(project, 'node_modules', 'puchify');
const runtimes = { 20: findNode(20), 24: findNode(24) } as const;

interface EntriesReport {
  node: string;
  entries: Record<string, { resolved: string; exports: string[] } | { error: string }>;
}

/** Names each entry point must export, and the built file it must resolve to per format. */
const expectations = {
  puchify: { names: ['Puchify'], esm: 'dist/index.js', cjs: 'dist/index.cjs' },
  'puchify/webhooks': {
    names: ['constructEvent', 'signPayload', 'verifySignature', 'WebhookVerificationError'],
    // Node picks the node:crypto build through the `node` export condition.
    esm: 'dist/webhooks/node.js',
    cjs: 'dist/webhooks/node.cjs',
  },
  'puchify/mock': { names: ['createMock'], esm: 'dist/mock/index.js', cjs: 'dist/mock/index.cjs' },
  'puchify/mock/server': {
    names: ['startMockServer'],
    esm: 'dist/mock/server.js',
    cjs: 'dist/mock/server.cjs',
  },
} as const;

interface CallReport {
  node: string;
  name: string;
  created: string;
  ready: string;
  listed: boolean;
  missing: { name: string; status: number; code: string } | null;
}

const reports: Record<string, EntriesReport> = {};
const typeErrors: Record<string, string> = {};
const calls: Record<string, CallReport> = {};
let mockServer: MockProcess | undefined;

/** Calls the mock from the built client in each runtime and format, all at once. */
async function callTheMock(server: MockProcess): Promise<void> {
  const env = { PUCHIFY_BASE_URL: server.url, PUCHIFY_API_KEY: server.apiKey };
  const runs = Object.entries(runtimes).flatMap(([major, node]) =>
    (['esm', 'cjs'] as const).map(async (format) => {
      const script = format === 'esm' ? 'call.mjs' : 'call.cjs';
      calls[`${major}-${format}`] = await runJson<CallReport>(node, project, script, env);
    }),
  );
  await Promise.all(runs);
}

beforeAll(async () => {
  assertBuilt();
  createConsumerProject(project);
  const runs = Object.entries(runtimes).flatMap(([major, node]) =>
    (['esm', 'cjs'] as const).map(async (format) => {
      const script = format === 'esm' ? 'entries.mjs' : 'entries.cjs';
      reports[`${major}-${format}`] = await runJson<EntriesReport>(node, project, script);
    }),
  );
  const checks = Object.keys(consumerTsconfigs).map(async (tsconfig) => {
    typeErrors[tsconfig] = await typecheck(project, tsconfig);
  });
  // msw asks for Node 22.12 or later, so the standalone mock runs on Node 24; the client
  // reaches it over 127.0.0.1 from Node 20 as well.
  mockServer = await startMockProcess(runtimes[24], project, 'mock-server.mjs');
  await Promise.all([...runs, ...checks, callTheMock(mockServer)]);
}, 180_000);

afterAll(() => {
  mockServer?.child.kill('SIGTERM');
});

describe.each(Object.keys(runtimes))('the installed tarball under Node %s', (major) => {
  it.each(['esm', 'cjs'] as const)('loads every entry point as %s', (format) => {
    const report = reports[`${major}-${format}`];
    expect(report?.node).toMatch(new RegExp(`^v${major}\\.`));
    for (const [specifier, expected] of Object.entries(expectations)) {
      const entry = report?.entries[specifier];
      if (!entry || 'error' in entry) {
        throw new Error(`${specifier} failed to load as ${format}: ${entry?.error ?? 'missing'}`);
      }
      expect(entry.resolved).toBe(join(installed, expected[format]));
      expect(entry.exports).toEqual(expect.arrayContaining([...expected.names]));
    }
  });

  it('exports the same names from the ESM and the CJS build of each entry point', () => {
    for (const specifier of Object.keys(expectations)) {
      const esm = reports[`${major}-esm`]?.entries[specifier];
      const cjs = reports[`${major}-cjs`]?.entries[specifier];
      expect(esm && 'exports' in esm ? esm.exports : esm).toEqual(
        cjs && 'exports' in cjs ? cjs.exports : cjs,
      );
    }
  });

  it.each(['esm', 'cjs'] as const)(
    'creates, waits for, lists and fails to find a server on the mock as %s',
    (format) => {
      const call = calls[`${major}-${format}`];
      expect(call).toEqual({
        node: expect.stringMatching(new RegExp(`^v${major}\\.`)),
        name: `${format}-node-${major}`,
        created: 'creating',
        ready: 'running',
        listed: true,
        missing: { name: 'NotFoundError', status: 404, code: 'server_not_found' },
      });
    },
  );
});

describe('the installed manifest', () => {
  it('asks for no install-time script, so npm has nothing for users to approve', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare'];
    expect(Object.keys(manifest.scripts ?? {}).filter((name) => lifecycle.includes(name))).toEqual(
      [],
    );
  });

  it('declares no runtime dependency, so the client installs nothing else', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(manifest.dependencies ?? {}).toEqual({});
  });
});

describe('a TypeScript consumer of the installed tarball', () => {
  it.each(Object.keys(consumerTsconfigs))('type-checks under %s', (tsconfig) => {
    expect(typeErrors[tsconfig]).toBe('');
  });
});
