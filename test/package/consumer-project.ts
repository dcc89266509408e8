// A throwaway project that installs the packed tarball the way a user does, and the Node
// runtimes the package promises to run on: Node 20 (the floor) and the Node 24 toolchain.
import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { packTarball, root } from '../../scripts/package-tarball';
import {
  browserConsumer,
  consumerTsconfigs,
  declarationConsumer,
  everyEntryConsumer,
} from './consumer-sources';

const run = promisify(execFile);

/** The mock's peers, installed at the versions this repository tests with. */
const peers = ['msw', 'zod', 'bcryptjs'];

function majorOf(node: string): number | undefined {
  try {
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    return Number(/^v(\d+)\./.exec(version)?.[1]);
  } catch {
    return undefined;
  }
}

/** A Node binary of the given major version: npm's own Node, the system one or the toolchain's. */
export function findNode(major: number): string {
  const candidates = [
    process.env['npm_node_execpath'],
    '/usr/bin/node',
    join(root, 'node_modules', '.bin', 'node'),
    process.execPath,
  ];
  const found = candidates.find((path) => path && existsSync(path) && majorOf(path) === major);
  if (!found) throw new Error(`No Node ${major} found among ${candidates.join(', ')}.`);
  return found;
}

/**
 * Creates `directory` afresh, packs the package and installs the tarball into it with npm,
 * plus the mock's peer dependencies, preferring npm's cache over the network.
 */
export function createConsumerProject(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const tarball = packTarball(join(directory, '..', 'consumer-tarball'));
  const manifest = { name: 'puchify-consumer', version: '1.0.0', private: true };
  writeFileSync(join(directory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const versions = peers.map((peer) => {
    const { version } = JSON.parse(
      readFileSync(join(root, 'node_modules', peer, 'package.json'), 'utf8'),
    ) as { version: string };
    return `${peer}@${version}`;
  });
  execFileSync(
    'npm',
    ['install', tarball, ...versions, '--no-save', '--prefer-offline', '--no-audit', '--no-fund'],
    { cwd: directory, stdio: 'pipe', env: { ...process.env, npm_config_loglevel: 'error' } },
  );
  cpSync(join(import.meta.dirname, 'consumer'), directory, { recursive: true });
  writeTypedConsumers(directory);
}

function writeTypedConsumers(directory: string): void {
  for (const extension of ['mts', 'cts', 'ts']) {
    writeFileSync(join(directory, `every-entry.${extension}`), everyEntryConsumer);
  }
  writeFileSync(join(directory, 'browser-app.ts'), browserConsumer);
  writeFileSync(join(directory, 'declarations.ts'), declarationConsumer);
  for (const [name, tsconfig] of Object.entries(consumerTsconfigs)) {
    writeFileSync(join(directory, name), `${JSON.stringify(tsconfig, null, 2)}\n`);
  }
}

/** Runs `script` in the project with `node`; resolves to its parsed JSON output. */
export async function runJson<T>(
  node: string,
  directory: string,
  script: string,
  env: Record<string, string> = {},
): Promise<T> {
  const { stdout } = await run(node, [script], {
    cwd: directory,
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as T;
}

/** The mock server as a child process, once it has printed its URL and API key. */
export interface MockProcess {
  url: string;
  apiKey: string;
  child: ChildProcess;
}

/** Starts `script` (which prints `{ url, apiKey }` on its first line) and waits for it. */
export async function startMockProcess(
  node: string,
  directory: string,
  script: string,
): Promise<MockProcess> {
  const child = spawn(node, [script], { cwd: directory, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The mock server did not start in 20 s.')),
      20_000,
    );
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`The mock server exited with ${code}.`)));
  });
  const { url, apiKey } = JSON.parse(first) as { url: string; apiKey: string };
  return { url, apiKey, child };
}

/** Type-checks the project with the repository's TypeScript and a given tsconfig file. */
export async function typecheck(directory: string, tsconfig: string): Promise<string> {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await run(process.execPath, [tsc, '-p', tsconfig], { cwd: directory, timeout: 120_000 });
    return '';
  } catch (error) {
    return (error as { stdout?: string }).stdout ?? String(error);
  }
}
