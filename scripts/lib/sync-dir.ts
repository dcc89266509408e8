import { cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `dir`, as sorted paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Files that differ between `fresh` and `current`: changed, missing or left over. */
export async function diffDirs(fresh: string, current: string): Promise<string[]> {
  const [freshFiles, currentFiles] = await Promise.all([listFiles(fresh), listFiles(current)]);
  const stale: string[] = [];
  for (const file of freshFiles) {
    const want = await readFile(join(fresh, file));
    const have = await readFile(join(current, file)).catch(() => null);
    if (!have) stale.push(`${file} (missing)`);
    else if (!want.equals(have)) stale.push(`${file} (differs)`);
  }
  for (const file of currentFiles) {
    if (!freshFiles.includes(file)) stale.push(`${file} (not generated any more)`);
  }
  return stale;
}

/** Replaces the contents of `target` with those of `source`. */
export async function replaceDir(source: string, target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  await cp(source, target, { recursive: true });
}
