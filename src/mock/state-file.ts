import { open, readFile, rename, unlink } from 'node:fs/promises';

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
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
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
