import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DebouncedWriter,
  readStateFile,
  removeStaleTemporaryFiles,
  writeStateFile,
} from '../../src/mock/state-file';

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

  it('removes only stale temporary files of its own state file', async () => {
    const file = join(directory, 'world.json');
    const now = 1_750_000_000_000;
    const live = 4242;
    const dead = 4343;
    const names = {
      deadWriter: `world.json.${dead}.${now - 5_000}.tmp`,
      liveWriter: `world.json.${live}.${now - 5_000}.tmp`,
      abandonedByLive: `world.json.${live}.${now - 2 * 60 * 60 * 1000}.tmp`,
      ownBeforeStart: `world.json.${process.pid}.${now - 10_000}.tmp`,
      ownSinceStart: `world.json.${process.pid}.${now - 1_000}.tmp`,
      otherState: `other.json.${dead}.${now - 5_000}.tmp`,
      lookalike: `worldXjson.${dead}.${now - 5_000}.tmp`,
      noPid: `world.json.tmp`,
      notDigits: `world.json.abc.${now}.tmp`,
      suffixed: `world.json.${dead}.${now}.tmp.bak`,
    };
    await writeFile(file, '{}');
    for (const name of Object.values(names)) await writeFile(join(directory, name), 'partial');
    await mkdir(join(directory, `world.json.${dead}.${now}.tmp`));

    const removed = await removeStaleTemporaryFiles(file, {
      isAlive: (pid) => pid === live,
      now,
      startedAt: now - 2_000,
    });

    const gone = [names.deadWriter, names.abandonedByLive, names.ownBeforeStart];
    expect(removed.sort()).toEqual(gone.map((name) => join(directory, name)).sort());
    const kept = Object.values(names).filter((name) => !gone.includes(name));
    expect((await readdir(directory)).sort()).toEqual(
      ['world.json', `world.json.${dead}.${now}.tmp`, ...kept].sort(),
    );
  });

  it('finds nothing to remove when the directory does not exist', async () => {
    expect(await removeStaleTemporaryFiles(join(directory, 'missing', 'world.json'))).toEqual([]);
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
