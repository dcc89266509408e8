// `npm run bench:types`: what the SDK's types cost a user's type-check. Two consumer files
// make the same calls on every resource: one through `puchify` (its published .d.ts files),
// one through openapi-fetch alone with the same generated `paths` as a .d.ts. Each is
// type-checked with `tsc --extendedDiagnostics`, with skipLibCheck on and off; the script
// prints instantiation counts and check times with ratios, and fails if either file does not
// type-check or the SDK file needs a second or more of check time (skipLibCheck on).
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureBuilt, root } from '../scripts/package-tarball';

const run = promisify(execFile);
const workDir = join(root, '.tmp', 'bench-types');
// `--quick` (used by `npm test`) runs each check once and skips the skipLibCheck: false
// pair; instantiation counts are exact either way, only times get noisier.
const quick = process.argv.includes('--quick');
const runs = quick ? 1 : 5;
const checkTimeLimitSec = 1;

/** One resource: its namespace on the client, its path, and bodies its calls accept. */
interface Resource {
  namespace: string;
  path: string;
  create?: string;
  update?: string;
  actions?: string[];
}

const region = `region: 'us-east'`;
const resources: Resource[] = [
  {
    namespace: 'servers',
    path: '/api/v1/servers',
    create: `{ name: 'web-1', plan: 'shared-2', ${region} }`,
    update: `{ name: 'web-2' }`,
    actions: ['start', 'stop', 'restart'],
  },
  {
    namespace: 'gpuServers',
    path: '/api/v1/gpu-servers',
    create: `{ name: 'gpu-1', plan: 'gpu-a100', ${region}, gpu_type: 'a100' }`,
    update: `{ name: 'gpu-2' }`,
    actions: ['start', 'stop', 'restart'],
  },
  {
    namespace: 'databases',
    path: '/api/v1/databases',
    create: `{ name: 'db-1', engine: 'postgres', plan: 'db-2', ${region}, password: 'pw-123456789' }`,
    update: `{ storage_gb: 20 }`,
    actions: ['start', 'stop', 'backup'],
  },
  {
    namespace: 'kubernetesClusters',
    path: '/api/v1/kubernetes-clusters',
    create: `{ name: 'k8s-1', ${region}, node_pools: [{ name: 'default', plan: 'shared-4', node_count: 3 }] }`,
    update: `{ name: 'k8s-2' }`,
  },
  {
    namespace: 'loadBalancers',
    path: '/api/v1/load-balancers',
    create: `{ name: 'lb-1', ${region} }`,
    update: `{ name: 'lb-2' }`,
  },
  {
    namespace: 'vpnGateways',
    path: '/api/v1/vpn-gateways',
    create:
      `{ name: 'vpn-1', ${region}, remote_network_cidr: '10.0.0.0/16', ` +
      `remote_peer_ip: '203.0.113.7', pre_shared_key: 'psk-0123456789abcdef' }`,
    update: `{ name: 'vpn-2' }`,
  },
  {
    namespace: 'apiKeys',
    path: '/api/v1/api-keys',
    create: `{ name: 'ci' }`,
    update: `{ name: 'ci-2' }`,
  },
  {
    namespace: 'webhookEndpoints',
    path: '/api/v1/webhook-endpoints',
    create: `{ url: 'https://example.test/hooks' }`,
    update: `{ enabled: false }`,
  },
  { namespace: 'events', path: '/api/v1/events' },
];

/** The calls through the SDK; `use()` keeps every result's type alive. */
function sdkConsumer(): string {
  const lines = resources.flatMap(({ namespace, create, update, actions = [] }) => {
    const ns = `puchify.${namespace}`;
    return [
      `use((await ${ns}.list({ limit: 10 })).data[0]?.id);`,
      ...(create ? [`use((await ${ns}.create(${create})).data.id);`] : []),
      `use((await ${ns}.get(id)).data);`,
      ...(update ? [`use((await ${ns}.update(id, ${update})).data);`] : []),
      ...(create ? [`use((await ${ns}.delete(id)).data);`] : []),
      ...actions.map((action) => `use((await ${ns}.${action}(id)).data);`),
    ];
  });
  return [
    `import { Puchify } from 'puchify';`,
    `declare function use(value: unknown): void;`,
    `const puchify = new Puchify({ apiKey: 'pk_bench' });`,
    `export async function touchEveryResource(id: string): Promise<void> {`,
    ...lines.map((line) => `  ${line}`),
    `  use((await puchify.kubernetesClusters.scale(id, { node_pool: 'default', node_count: 4 })).data);`,
    `  use((await puchify.webhookEndpoints.rotateSecret(id)).data);`,
    `  use((await puchify.webhookEndpoints.listDeliveries(id)).data);`,
    `  use((await puchify.usage.list()).data.usage_records);`,
    `  use((await puchify.usage.getSummary()).data);`,
    `  use((await puchify.usage.listInvoices()).data);`,
    `  use((await puchify.logs.list()).data);`,
    `  use((await puchify.terminal.createSession({ server_id: id })).data.id);`,
    `  use((await puchify.terminal.listSessions()).data);`,
    `  use((await puchify.terminal.getSession(id)).data);`,
    `  use((await puchify.terminal.deleteSession(id)).data);`,
    `}`,
  ].join('\n');
}

/** The same calls through openapi-fetch with the generated `paths`. */
function openapiFetchConsumer(): string {
  const byId = `{ params: { path: { id } } }`;
  const lines = resources.flatMap(({ path, create, update, actions = [] }) => [
    `use((await client.GET('${path}', { params: { query: { limit: 10 } } })).data?.data[0]?.id);`,
    ...(create ? [`use((await client.POST('${path}', { body: ${create} })).data?.data.id);`] : []),
    `use((await client.GET('${path}/{id}', ${byId})).data?.data);`,
    ...(update
      ? [`use((await client.PATCH('${path}/{id}', { ...${byId}, body: ${update} })).data?.data);`]
      : []),
    ...(create ? [`use((await client.DELETE('${path}/{id}', ${byId})).data?.data);`] : []),
    ...actions.map(
      (action) => `use((await client.POST('${path}/{id}/${action}', ${byId})).data?.data);`,
    ),
  ]);
  const scale = `{ ...${byId}, body: { node_pool: 'default', node_count: 4 } }`;
  return [
    `import createClient from 'openapi-fetch';`,
    `import type { paths } from './paths';`,
    `declare function use(value: unknown): void;`,
    `const client = createClient<paths>({ baseUrl: 'https://api.puchify.com' });`,
    `export async function touchEveryResource(id: string): Promise<void> {`,
    ...lines.map((line) => `  ${line}`),
    `  use((await client.POST('/api/v1/kubernetes-clusters/{id}/scale', ${scale})).data?.data);`,
    `  use((await client.POST('/api/v1/webhook-endpoints/{id}/rotate-secret', ${byId})).data?.data);`,
    `  use((await client.GET('/api/v1/webhook-endpoints/{id}/deliveries', ${byId})).data?.data);`,
    `  use((await client.GET('/api/v1/usage')).data?.data.usage_records);`,
    `  use((await client.GET('/api/v1/usage/summary')).data?.data);`,
    `  use((await client.GET('/api/v1/usage/invoices')).data?.data);`,
    `  use((await client.GET('/api/v1/logs')).data?.data);`,
    `  use((await client.POST('/api/v1/terminal/sessions', { body: { server_id: id } })).data?.data.id);`,
    `  use((await client.GET('/api/v1/terminal/sessions')).data?.data);`,
    `  use((await client.GET('/api/v1/terminal/sessions/{id}', ${byId})).data?.data);`,
    `  use((await client.DELETE('/api/v1/terminal/sessions/{id}', ${byId})).data?.data);`,
    `}`,
  ].join('\n');
}

interface Diagnostics {
  instantiations: number;
  types: number;
  checkSec: number;
  totalSec: number;
}

/**
 * Writes a consumer project. The baseline gets the generated types as `paths.d.ts`, the
 * way openapi-typescript users keep them, so both sides read declarations only.
 */
function writeProject(name: string, source: string, skipLibCheck: boolean): string {
  const directory = join(workDir, `${name}${skipLibCheck ? '' : '-lib-check'}`);
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'consumer.ts'), `${source}\n`);
  copyFileSync(join(root, 'src', 'generated', 'types.ts'), join(directory, 'paths.d.ts'));
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    module: 'ESNext',
    moduleResolution: 'bundler',
    strict: true,
    noEmit: true,
    skipLibCheck,
    types: [],
  };
  const tsconfig = { compilerOptions, files: ['consumer.ts'] };
  writeFileSync(join(directory, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  return directory;
}

async function diagnose(directory: string): Promise<Diagnostics> {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [tsc, '-p', directory, '--extendedDiagnostics'];
  const { stdout } = await run(process.execPath, args).catch((error: { stdout?: string }) => {
    throw new Error(`${directory}/consumer.ts does not type-check:\n${error.stdout ?? ''}`);
  });
  const field = (label: string): number => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(stdout);
    if (!match?.[1]) throw new Error(`tsc printed no "${label}" line:\n${stdout}`);
    return Number(match[1]);
  };
  return {
    instantiations: field('Instantiations'),
    types: field('Types'),
    checkSec: field('Check time'),
    totalSec: field('Total time'),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Type-checks a project `runs` times; counts are exact, times are medians. */
async function measure(directory: string): Promise<Diagnostics> {
  const samples: Diagnostics[] = [];
  for (let index = 0; index < runs; index++) samples.push(await diagnose(directory));
  const [first] = samples;
  if (!first) throw new Error('No samples were taken.');
  return {
    instantiations: first.instantiations,
    types: first.types,
    checkSec: median(samples.map((sample) => sample.checkSec)),
    totalSec: median(samples.map((sample) => sample.totalSec)),
  };
}

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
const row = (name: string, d: Diagnostics): string =>
  `${name.padEnd(14)} ${String(d.instantiations).padStart(14)} ${String(d.types).padStart(8)} ` +
  `${d.checkSec.toFixed(2).padStart(9)} s ${d.totalSec.toFixed(2).padStart(9)} s`;

/** Measures both consumers under one `skipLibCheck` setting and prints a table. */
async function compare(skipLibCheck: boolean): Promise<Diagnostics> {
  const sdk = await measure(writeProject('puchify', sdkConsumer(), skipLibCheck));
  const baseline = await measure(
    writeProject('openapi-fetch', openapiFetchConsumer(), skipLibCheck),
  );
  console.log(`\nskipLibCheck: ${skipLibCheck} (median of ${runs} run${runs === 1 ? '' : 's'})`);
  const heading = ['instantiations'.padStart(14), 'types'.padStart(8), 'check'.padStart(11)];
  console.log(`${'consumer'.padEnd(14)} ${heading.join(' ')} ${'total'.padStart(11)}`);
  console.log(row('puchify', sdk));
  console.log(row('openapi-fetch', baseline));
  console.log(
    `ratio puchify / openapi-fetch: instantiations ` +
      `${ratio(sdk.instantiations, baseline.instantiations)}, types ` +
      `${ratio(sdk.types, baseline.types)}, check time ${ratio(sdk.checkSec, baseline.checkSec)}`,
  );
  return sdk;
}

async function main(): Promise<void> {
  ensureBuilt();
  rmSync(workDir, { recursive: true, force: true });
  console.log('Type-check cost of one file that calls every resource');
  const sdk = await compare(true);
  // Checking the declarations themselves is what a project without skipLibCheck pays.
  if (!quick) await compare(false);
  if (sdk.checkSec >= checkTimeLimitSec) {
    console.error(
      `\nThe SDK consumer took ${sdk.checkSec} s of check time; the limit is ${checkTimeLimitSec} s.`,
    );
    process.exit(1);
  }
}

await main();
