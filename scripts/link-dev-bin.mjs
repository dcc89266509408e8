// Runs on `npm install` / `npm ci` in this repository (the `prepare` script) and
// links `node_modules/.bin/puchify-mock` to the source launcher, so that
// `npx puchify-mock` works in a fresh clone exactly as it does for users who
// install the package. It changes nothing outside node_modules/.bin.
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const launcher = join(root, 'scripts', 'puchify-mock-dev.mjs');
const binDir = join(root, 'node_modules', '.bin');

if (existsSync(join(root, 'node_modules'))) {
  mkdirSync(binDir, { recursive: true });
  const link = join(binDir, 'puchify-mock');
  rmSync(link, { force: true });
  symlinkSync(relative(binDir, launcher), link);
  chmodSync(launcher, 0o755);
}
