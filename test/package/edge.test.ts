// Edge workers offer Web APIs and nothing of Node: `puchify` and `puchify/webhooks` must bundle
// for esbuild's neutral platform (where a Node built-in cannot resolve) and then run in a realm
// that has only Web globals.
import { createContext, runInContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, bundle } from './bundle';

const edgeEntries = ['puchify', 'puchify/webhooks'] as const;

/** A realm with the Web globals an edge worker has, and no process, Buffer or require. */
function edgeRealm(): Record<string, unknown> {
  const { crypto, TextEncoder, TextDecoder, URL, URLSearchParams, Headers, Request } = globalThis;
  const { Response, AbortController, AbortSignal, setTimeout, clearTimeout } = globalThis;
  const { atob, btoa, structuredClone, queueMicrotask, Blob, FormData } = globalThis;
  const fetch = (): Promise<Response> => Promise.reject(new Error('No network at the edge.'));
  return createContext({
    ...{ crypto, TextEncoder, TextDecoder, URL, URLSearchParams, Headers, Request, Response },
    ...{ AbortController, AbortSignal, setTimeout, clearTimeout, atob, btoa, structuredClone },
    ...{ queueMicrotask, Blob, FormData, fetch },
  });
}

async function loadAtTheEdge(specifier: string): Promise<Record<string, unknown>> {
  const { code } = await bundle(`export * from '${specifier}';`, {
    platform: 'neutral',
    format: 'iife',
    globalName: 'entry',
  });
  const realm = edgeRealm();
  runInContext(`${code}\nglobalThis.entry = entry;`, realm);
  return realm['entry'] as Record<string, unknown>;
}

describe('edge-style bundles', () => {
  beforeAll(assertBuilt);

  it.each(edgeEntries)('%s bundles for a neutral platform from dist alone', async (entry) => {
    const { inputs, externalImports } = await bundle(`export * from '${entry}';`, {
      platform: 'neutral',
    });
    expect(externalImports).toEqual([]);
    const foreign = inputs.filter((input) => input !== 'consumer.ts' && !input.startsWith('dist/'));
    // A polyfill (buffer, events, util, process) would appear here as a foreign input.
    expect(foreign).toEqual([]);
    expect(inputs.some((input) => input.startsWith('dist/'))).toBe(true);
  });

  it.each(['node:crypto', 'crypto', 'node:buffer'])(
    'fails a neutral build that pulls in the Node built-in %s',
    async (builtin) => {
      const source = `import * as builtin from '${builtin}';\nexport const used = builtin;`;
      await expect(bundle(source, { platform: 'neutral' })).rejects.toThrow(/Could not resolve/);
    },
  );

  it('signs and verifies a webhook in a realm without Node globals', async () => {
    const webhooks = await loadAtTheEdge('puchify/webhooks');
    const signPayload = webhooks['signPayload'] as (
      payload: string,
      secret: string,
      options: { timestamp: number },
    ) => Promise<string>;
    const verifySignature = webhooks['verifySignature'] as (
      payload: string,
      header: string,
      secret: string,
      options: { now: number },
    ) => Promise<void>;
    const body = JSON.stringify({ id: 'evt_edge', type: 'server.created', data: {} });
    const header = await signPayload(body, 'whsec_edge', { timestamp: 1_700_000_000 });
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    await expect(
      verifySignature(body, header, 'whsec_edge', { now: 1_700_000_000_000 }),
    ).resolves.toBeUndefined();
    await expect(
      verifySignature(`${body} `, header, 'whsec_edge', { now: 1_700_000_000_000 }),
    ).rejects.toThrow();
  });
});
