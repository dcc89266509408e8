import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../src/mock/cli.ts');
const ROUNDS = 3;
const API_KEY = 'pk_test_crash0123456789abcdef';
const SERVER = { plan: 'shared-2', region: 'us-east' };

/** A running `puchify-mock` process and its base URL. */
interface Cli {
  child: ChildProcess;
  url: string;
}

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** Starts the CLI with `--state` on an ephemeral loopback port; resolves once it listens. */
function startCli(statePath: string): Promise<Cli> {
  const args = ['--import', 'tsx', CLI, '--port', '0', '--state', statePath];
  args.push('--api-key', API_KEY, '--rate-limit', '100000000');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`No banner: ${output}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`The mock exited with ${code}: ${output}`)));
  });
}

async function createServer(cli: Cli, name: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${cli.url}/api/v1/servers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...SERVER, name }),
    });
    if (response.status !== 201) return undefined;
    return ((await response.json()) as { data: { id: string } }).data.id;
  } catch {
    return undefined;
  }
}

/** Server ids in the state file; throws if the file is not complete JSON. */
async function idsInFile(statePath: string): Promise<Set<string>> {
  const state = JSON.parse(await readFile(statePath, 'utf8')) as {
    collections: { servers: { records: Array<{ id: string }> } };
  };
  return new Set(state.collections.servers.records.map((record) => record.id));
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Creates servers from 4 writers until `stop()`; returns what was acknowledged. */
function writeLoad(cli: Cli, prefix: string) {
  const acknowledged: string[] = [];
  let isRunning = true;
  const writer = async (n: number) => {
    for (let i = 0; isRunning; i += 1) {
      const id = await createServer(cli, `${prefix}-${n}-${i}`);
      if (id) acknowledged.push(id);
    }
  };
  const done = Promise.all([0, 1, 2, 3].map(writer));
  return { acknowledged, stop: () => ((isRunning = false), done) };
}

it('loads the last complete state after a kill -9 in the middle of a state write', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'puchify-state-'));
  const statePath = join(dir, 'world.json');
  let caughtMidWrite = 0;
  let survivors = 0;
  try {
    let cli = await startCli(statePath);
    for (let round = 1; round <= ROUNDS; round += 1) {
      // 1. A checkpoint: writes acknowledged and then seen on disk.
      const load = writeLoad(cli, `r${round}`);
      await until(async () => load.acknowledged.length >= 300, 'the first 300 creates');
      await load.stop();
      const checkpoint = [...load.acknowledged];
      await until(async () => {
        const ids = await idsInFile(statePath).catch(() => new Set<string>());
        return checkpoint.every((id) => ids.has(id));
      }, 'the checkpoint on disk');

      // 2. More writes, and a kill -9 the moment a temporary state file exists.
      const more = writeLoad(cli, `r${round}b`);
      await until(
        async () => (await readdir(dir)).some((name) => name.endsWith('.tmp')),
        'a state write under way',
      );
      cli.child.kill('SIGKILL');
      if ((await readdir(dir)).some((name) => name.endsWith('.tmp'))) caughtMidWrite += 1;
      await more.stop();

      // 3. The file is whole, holds the checkpoint, and the mock starts from it.
      const ids = await idsInFile(statePath);
      expect(checkpoint.filter((id) => !ids.has(id))).toEqual([]);
      cli = await startCli(statePath);
      const sample = checkpoint.filter((_, i) => i % 50 === 0);
      for (const id of sample) {
        const response = await fetch(`${cli.url}/api/v1/servers/${id}`, {
          headers: { authorization: `Bearer ${API_KEY}` },
        });
        expect(response.status).toBe(200);
      }
      survivors = ids.size;
    }
    cli.child.kill('SIGKILL');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(
    `[state file] ${ROUNDS} kill -9 rounds, ${caughtMidWrite} with a write under way; ` +
      `every restart loaded a whole file (${survivors} servers at the end)`,
  );
  expect(caughtMidWrite).toBe(ROUNDS);
});
