import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/server';

const API_KEY = 'pk_test_serverstate0123';
let directory = '';
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'puchify-server-state-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe('startMockServer with a state file', () => {
  it('refuses to start when the state file directory does not exist', async () => {
    const stateFile = join(directory, 'no', 'such', 'dir', 'state.json');
    await expect(startMockServer({ port: 0, stateFile })).rejects.toThrow(
      `Cannot write the state file ${stateFile}: its directory does not exist. ` +
        `Check that the directory ${join(directory, 'no', 'such', 'dir')} exists and is writable.`,
    );
  });

  it('refuses a state file of the wrong shape, naming it, and leaves it as it was', async () => {
    const stateFile = join(directory, 'state.json');
    const text = '{"version":1,"collections":5}';
    await writeFile(stateFile, text);
    await expect(startMockServer({ port: 0, stateFile })).rejects.toThrow(
      `The state file ${stateFile} cannot be loaded. The state is not a version 1 mock ` +
        'snapshot: "collections" is not an object.',
    );
    expect(await readFile(stateFile, 'utf8')).toBe(text);
  });

  it('refuses a record without an id and a credential that is not one', async () => {
    const stateFile = join(directory, 'state.json');
    const collections = { servers: { seq: 1, records: [{ name: 'x' }] } };
    await writeFile(stateFile, JSON.stringify({ version: 1, collections }));
    await expect(startMockServer({ port: 0, stateFile })).rejects.toThrow(
      '"collections.servers" has a record without a string "id" at records[0]',
    );
    await writeFile(stateFile, JSON.stringify({ version: 1, collections: {}, credentials: [1] }));
    await expect(startMockServer({ port: 0, stateFile })).rejects.toThrow(
      '"credentials[0]" is not a stored API key',
    );
  });

  it('writes the state file before listening and reports a later write failure', async () => {
    const inner = join(directory, 'inner');
    await mkdir(inner);
    const stateFile = join(inner, 'state.json');
    const errors: Error[] = [];
    const server = await startMockServer({
      port: 0,
      apiKey: API_KEY,
      stateFile,
      onStateError: (error) => errors.push(error),
    });
    expect(JSON.parse(await readFile(stateFile, 'utf8')).version).toBe(1);
    await rm(inner, { recursive: true, force: true });
    await fetch(`${server.url}/api/v1/servers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'web-1', plan: 'shared-2', region: 'us-east' }),
    });
    await server.close();
    // One report per failed attempt: the debounce timer and close may each try once.
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.message).toBe(
        `Writing the state file ${stateFile} failed: its directory does not exist. ` +
          'Changes since the last good write are not saved; the next change tries again.',
      );
    }
  });
  it('removes the temporary file a killed writer left, and nothing else, on start', async () => {
    const stateFile = join(directory, 'state.json');
    // A real process that is gone, as after kill -9 in the middle of a write.
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await once(child, 'exit');
    const leftover = `state.json.${child.pid}.${Date.now() - 1_000}.tmp`;
    await writeFile(join(directory, leftover), '{"version":1,"coll');
    await writeFile(join(directory, 'notes.txt'), 'mine');
    const server = await startMockServer({ port: 0, apiKey: API_KEY, stateFile });
    await server.close();
    expect((await readdir(directory)).sort()).toEqual(['notes.txt', 'state.json']);
  });
});

describe('puchify-mock --state', () => {
  it('exits with 1 and says why when the state file cannot be written', async () => {
    const stateFile = join(directory, 'missing', 'state.json');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/mock/cli.ts', '--port', '0', '--state', stateFile],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (errors += chunk));
    // A mock that starts anyway is stopped, so a regression cannot leave it running.
    const stop = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const [code] = await once(child, 'exit');
    clearTimeout(stop);
    expect(code).toBe(1);
    expect(output).not.toContain('listening');
    expect(errors).toContain(
      `Cannot write the state file ${stateFile}: its directory does not exist.`,
    );
  });
});
