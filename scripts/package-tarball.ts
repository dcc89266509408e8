// Builds (when needed) and packs the package exactly as `npm publish` would, so every check
// about what users install runs on the tarball and not on the working tree.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const root = resolve(import.meta.dirname, '..');

/** Every public entry point of the package, as `exports` keys. */
export const entryPoints = ['.', './webhooks', './mock', './mock/server'] as const;

/** The import specifier a user writes for an entry point (`puchify/webhooks`). */
export function specifier(entry: string): string {
  return entry === '.' ? 'puchify' : `puchify/${entry.slice(2)}`;
}

type Manifest = {
  name: string;
  version: string;
  exports: Record<string, unknown>;
  bin?: Record<string, string>;
  [field: string]: unknown;
};

/** The package.json of the repository, read fresh on every call. */
export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
}

/** Every file under `dist/` that `exports`, `main`, `module`, `types` and `bin` point to. */
export function publishedTargets(manifest: Manifest = readManifest()): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && value.startsWith('./dist/')) found.add(value.slice(2));
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit([manifest.exports, manifest['main'], manifest['module'], manifest['types'], manifest.bin]);
  return [...found].sort();
}

function newestSourceTime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/** True when a published file is missing or older than the newest file in src/ or the config. */
export function buildIsStale(): boolean {
  const targets = publishedTargets().map((target) => join(root, target));
  if (targets.some((target) => !existsSync(target))) return true;
  const oldestOutput = Math.min(...targets.map((target) => statSync(target).mtimeMs));
  const sources = [
    newestSourceTime(join(root, 'src')),
    statSync(join(root, 'tsup.config.ts')).mtimeMs,
  ];
  return Math.max(...sources) > oldestOutput;
}

/** Runs `npm run build` unless dist/ is complete and newer than every source. */
export function ensureBuilt(): void {
  if (!buildIsStale()) return;
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}

/**
 * Packs the package into `destination` (emptied first) and returns the tarball's path.
 * @example packTarball(join(root, '.tmp', 'package'))
 */
export function packTarball(destination: string): string {
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  const output = execFileSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const [packed] = JSON.parse(output) as [{ filename: string }];
  return join(destination, packed.filename);
}

/** The paths inside a packed tarball, without the leading `package/`. */
export function tarballFiles(tarball: string): string[] {
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  return listing
    .split('\n')
    .filter(Boolean)
    .map((path) => path.replace(/^package\//, ''))
    .sort();
}
