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

/**
 * Exports values whose types TypeScript must write out from the package's declarations. A
 * type reachable only through a private declaration chunk would fail here with TS2742.
 */
export const declarationConsumer = `
import { Puchify } from 'puchify';
import { constructEvent } from 'puchify/webhooks';
import { createMock } from 'puchify/mock';
import { startMockServer } from 'puchify/mock/server';

const puchify = new Puchify({ apiKey: 'pk_declarations' });
export const client = puchify;
export const listServers = () => puchify.servers.list({ limit: 5 });
export const getDatabase = (id: string) => puchify.databases.get(id);
export const waitForCluster = (id: string) => puchify.kubernetesClusters.waitFor(id);
export const summary = () => puchify.usage.getSummary();
export const parse = (body: string, header: string) => constructEvent(body, header, 'whsec_x');
export const world = () => createMock();
export const serve = () => startMockServer({ port: 0 });
`;

// Most projects skip checking declaration files. The browser setup checks ours in full: it
// proves the client's and the webhook helper's declarations need neither Node's types nor
// anything outside the package (the generated types make this the slowest check here).
const strict = { strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022' };

/**
 * tsconfig files by name: node16 from ESM and from CJS, node20, declaration emit, bundler
 * and a browser app.
 * Limitation: msw publishes ES modules only, so TypeScript's node16 mode refuses the
 * `require` of msw that the mock's CommonJS declarations describe; Node 20.19+ runs it,
 * and TypeScript accepts it from `module: node20` on. A CommonJS user of `puchify/mock`
 * on node16 needs `skipLibCheck` (the common default), which node16-cjs has.
 */
export const consumerTsconfigs: Record<string, object> = {
  'tsconfig.node16-esm.json': {
    compilerOptions: { ...strict, module: 'node16', moduleResolution: 'node16', types: ['node'] },
    files: ['every-entry.mts'],
  },
  'tsconfig.node16-cjs.json': {
    compilerOptions: {
      ...strict,
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
  'tsconfig.declarations.json': {
    compilerOptions: {
      ...strict,
      noEmit: false,
      declaration: true,
      emitDeclarationOnly: true,
      outDir: 'declarations',
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['ES2022', 'DOM'],
      types: ['node'],
    },
    files: ['declarations.ts'],
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
      skipLibCheck: false,
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: [],
    },
    files: ['browser-app.ts'],
  },
};
