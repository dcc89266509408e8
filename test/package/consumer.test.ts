// Installs the packed tarball into a throwaway project and uses it as a user would: every
// entry point imported as ESM and required as CJS under Node 20 (the floor) and Node 24.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/package-tarball';
import { assertBuilt } from './bundle';
import { createConsumerProject, findNode, runJson, typecheck } from './consumer-project';
import { consumerTsconfigs } from './consumer-sources';

const project = join(root, '.tmp', 'consumer');
const installed = join(project, 'node_modules', 'puchify');
const runtimes = { 20: findNode(20), 24: findNode(24) } as const;

interface EntriesReport {
  node: string;
  entries: Record<string, { resolved: string; exports: string[] } | { error: string }>;
  dependency?: string;
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

const reports: Record<string, EntriesReport> = {};
const typeErrors: Record<string, string> = {};

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
  await Promise.all([...runs, ...checks]);
}, 180_000);

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

  it('resolves openapi-fetch from the consumer project, as a declared dependency', () => {
    expect(reports[`${major}-esm`]?.dependency).toMatch(
      new RegExp(`^${join(project, 'node_modules', 'openapi-fetch')}/`),
    );
  });
});

describe('a TypeScript consumer of the installed tarball', () => {
  it.each(Object.keys(consumerTsconfigs))('type-checks under %s', (tsconfig) => {
    expect(typeErrors[tsconfig]).toBe('');
  });
});
