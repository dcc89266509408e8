import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DebouncedWriter, readStateFile, writeStateFile } from '../../src/mock/state-file';

let directory = '';
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'puchify-state-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe('state file', () => {
  it('reads back what it wrote and treats a missing file as no state', async () => {
    const file = join(directory, 'world.json');
    expect(await readStateFile(file)).toBeUndefined();
    await writeStateFile(file, { version: 1, servers: ['svr_1'] });
    expect(await readStateFile(file)).toEqual({ version: 1, servers: ['svr_1'] });
  });

  it('keeps the old file and leaves no temporary file when a write fails', async () => {
    const file = join(directory, 'world.json');
    await writeStateFile(file, { version: 1 });
    await expect(writeStateFile(file, { big: 10n })).rejects.toThrow(TypeError);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1 });
    expect(await readdir(directory)).toEqual(['world.json']);
  });

  it('refuses a file that is not JSON, naming it', async () => {
    const file = join(directory, 'broken.json');
    await writeFile(file, '{"version": 1,');
    await expect(readStateFile(file)).rejects.toThrow(`The state file ${file} is not valid JSON`);
  });

  it('coalesces a burst of changes into one write', async () => {
    let writes = 0;
    const writer = new DebouncedWriter(async () => {
      writes++;
    }, 5);
    for (let i = 0; i < 20; i++) writer.schedule();
    await writer.flush();
    await writer.flush();
    expect(writes).toBe(1);
  });
});
