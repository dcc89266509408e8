// TypeScript files a user of the package writes, type-checked inside the throwaway consumer
// project. Kept as text because they import `puchify` by name, which only resolves once the
// tarball is installed there.

/**
 * Uses every entry point. Written without top-level await so the same text is valid as an
 * ES module (.mts, .ts) and as CommonJS (.cts). The `@ts-expect-error` lines prove the types
 * are real: if a type degraded to `any`, the directive itself would be an error.
 */
export const everyEntryConsumer = `
import { Puchify } from 'puchify';
import { constructEvent, signPayload, WebhookVerificationError } from 'puchify/webhooks';
import { createMock } from 'puchify/mock';
import { startMockServer } from 'puchify/mock/server';

export async function main(): Promise<string> {
  const server = await startMockServer({ port: 0 });
  const puchify = new Puchify({ apiKey: server.apiKey, baseUrl: server.url });
  const created = await puchify.servers.create({ name: 'web-1', plan: 'shared-2', region: 'us-east' });
  const status: string = created.data.status;
  // @ts-expect-error a server's id is a string, not a number
  const wrong: number = created.data.id;
  // @ts-expect-error creating a server needs a plan
  await puchify.servers.create({ name: 'web-2', region: 'us-east' });
  const names: string[] = [];
  for await (const listed of puchify.servers.list()) names.push(listed.name);
  const body = JSON.stringify({ id: 'evt_1', type: 'server.created', created_at: '2026-01-01T00:00:00Z', data: {} });
  const header = await signPayload(body, 'whsec_consumer');
  const event = await constructEvent(body, header, 'whsec_consumer');
  const failure: unknown = new Error('x');
  const reason = failure instanceof WebhookVerificationError ? failure.reason : undefined;
  const mock = createMock();
  mock.close();
  await server.close();
  return [created.data.id, status, String(wrong), names.join(), event.type, String(reason)].join();
}
`;

/** A browser app: only the client and the webhook helper, with DOM types and no Node types. */
export const browserConsumer = `
import { Puchify } from 'puchify';
import { verifySignature } from 'puchify/webhooks';

export async function render(): Promise<string> {
  const puchify = new Puchify({ baseUrl: 'https://api.puchify.com' });
  const page = await puchify.databases.list({ limit: 5 });
  const first: string | undefined = page.data[0]?.name;
  await verifySignature('{}', 't=1700000000,v1=00', 'whsec_browser');
  return first ?? '';
}
`;

const strict = { strict: true, noEmit: true, skipLibCheck: false, target: 'ES2022' };

/**
 * tsconfig files by name: node16 from ESM and from CJS, node20, bundler, and a browser app.
 * Limitation: msw publishes ES modules only, so TypeScript's node16 mode refuses the
 * `require` of msw that the mock's CommonJS declarations describe; Node 20.19+ runs it,
 * and TypeScript accepts it from `module: node20` on. A CommonJS user of `puchify/mock`
 * on node16 needs `skipLibCheck` (the common default), and node16-cjs checks that setup.
 */
export const consumerTsconfigs: Record<string, object> = {
  'tsconfig.node16-esm.json': {
    compilerOptions: { ...strict, module: 'node16', moduleResolution: 'node16', types: ['node'] },
    files: ['every-entry.mts'],
  },
  'tsconfig.node16-cjs.json': {
    compilerOptions: {
      ...strict,
      skipLibCheck: true,
      module: 'node16',
      moduleResolution: 'node16',
      types: ['node'],
    },
    files: ['every-entry.cts'],
  },
  'tsconfig.node20.json': {
    compilerOptions: { ...strict, module: 'node20', moduleResolution: 'node16', types: ['node'] },
    files: ['every-entry.mts', 'every-entry.cts'],
  },
  'tsconfig.bundler.json': {
    compilerOptions: {
      ...strict,
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['ES2022', 'DOM'],
      types: ['node'],
    },
    files: ['every-entry.ts'],
  },
  'tsconfig.browser.json': {
    compilerOptions: {
      ...strict,
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: [],
    },
    files: ['browser-app.ts'],
  },
};
