import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Reads a state file, or returns undefined when there is none yet. A file
 * that is not JSON is refused with an error naming it rather than silently
 * replaced, because the user may want what is in it.
 */
export async function readStateFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(
      `The state file ${path} is not valid JSON. Move it aside or delete it to start afresh.`,
    );
  }
}

/**
 * Writes a state file atomically: the JSON goes to a temporary file beside
 * it, is flushed to disk, and is then renamed over the old file. A crash at
 * any point leaves either the old file or the new one, never half of one.
 */
export async function writeStateFile(path: string, state: unknown): Promise<void> {
  const temporary = temporaryPath(path, process.pid, Date.now());
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(state));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    // Whatever failed, the old file is untouched; only the half-written
    // temporary file needs to go.
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Name of the temporary file one write uses: `<state>.<pid>.<ms>.tmp`, beside the state file. */
function temporaryPath(path: string, pid: number, ms: number): string {
  return `${path}.${pid}.${ms}.tmp`;
}

/** Whether a process with this id runs on this machine; EPERM means it runs as another user. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A write takes milliseconds; a temporary file this old was abandoned, whoever wrote it. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/** How `removeStaleTemporaryFiles` tells a live writer; injectable for tests. */
export interface StaleCheck {
  /** Whether the process with this id runs. @default a signal-0 probe */
  isAlive?: (pid: number) => boolean;
  /** Now, in epoch milliseconds. @default Date.now() */
  now?: number;
  /** When this process started, in epoch milliseconds. @default performance.timeOrigin */
  startedAt?: number;
}

/**
 * Removes the temporary files a killed writer of this state file left behind
 * (`kill -9` between open and rename), and returns their paths. Only names of
 * this file's own pattern `<name>.<pid>.<ms>.tmp` are touched, and only stale
 * ones: the writer's process is gone, the file predates this process although
 * it bears its id (a container restarts with the same ids), or it is over an
 * hour old. A file a live process may still rename stays. A leftover that cannot
 * be removed is skipped: it costs only disk space.
 */
export async function removeStaleTemporaryFiles(
  path: string,
  check: StaleCheck = {},
): Promise<string[]> {
  const { isAlive = isProcessAlive, now = Date.now(), startedAt = performance.timeOrigin } = check;
  const directory = dirname(path);
  const own = new RegExp(`^${escapeRegExp(basename(path))}\\.(\\d+)\\.(\\d+)\\.tmp$`);
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    const match = entry.isFile() ? own.exec(entry.name) : null;
    if (!match) continue;
    const [pid, writtenAt] = [Number(match[1]), Number(match[2])];
    const stale =
      now - writtenAt > ABANDONED_AFTER_MS ||
      (pid === process.pid ? writtenAt < startedAt : !isAlive(pid));
    if (!stale) continue;
    const leftover = join(directory, entry.name);
    if (await tryUnlink(leftover)) removed.push(leftover);
  }
  return removed;
}

async function tryUnlink(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch {
    return false;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Coalesces bursts of changes into one write at most every `delayMs`, and
 * never runs two writes at once.
 */
export class DebouncedWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private isDirty = false;

  constructor(
    private readonly write: () => Promise<void>,
    private readonly delayMs = 200,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Marks the state as changed; a write follows within `delayMs`. */
  schedule(): void {
    this.isDirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.delayMs);
  }

  /** Writes now if anything changed, after any write already under way. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.running = this.running.then(async () => {
      if (!this.isDirty) return;
      this.isDirty = false;
      await this.write().catch((error: unknown) => {
        // The state is still unsaved: the next flush (the next change, or
        // close) tries again instead of believing it was written.
        this.isDirty = true;
        this.onError(error);
      });
    });
    await this.running;
  }
}
