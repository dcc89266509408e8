// Builds the browser test page from the built package and serves it from 127.0.0.1, next to
// msw's service worker script, so the page runs the client against the mock in a real browser.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { root } from '../../scripts/package-tarball';

/** Where Debian installs Chromium (`.ci/run` installs it there); CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Launch flags: headless, no sandbox (CI runs as root), and no traffic of its own. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Every host name but 127.0.0.1 fails to resolve, so a request the service worker does
  // not answer can never leave the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

const servedDir = join(root, '.tmp', 'browser');
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

/** The package's entry sources, which the page imports, and the specifiers that ship them. */
const entrySources: Record<string, string> = {
  'src/index': 'puchify',
  'src/webhooks/index': 'puchify/webhooks',
  'src/mock/index': 'puchify/mock',
};

/** Points the page's imports of entry sources at the built package, through its exports. */
const useBuiltPackage: Plugin = {
  name: 'use-built-package',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/src\/(index|webhooks\/index|mock\/index)$/ }, (args) => {
      const source = Object.keys(entrySources).find((key) => args.path.endsWith(key));
      const specifier = source && entrySources[source];
      if (!specifier) return undefined;
      return pluginBuild.resolve(specifier, { kind: args.kind, resolveDir: root });
    });
  },
};

/**
 * Bundles test/browser/page.ts for the browser and copies msw's worker beside it; resolves
 * to the files the bundle was made from, relative to the repository root.
 */
export async function buildPage(): Promise<string[]> {
  rmSync(servedDir, { recursive: true, force: true });
  mkdirSync(servedDir, { recursive: true });
  const result = await build({
    entryPoints: [join(root, 'test', 'browser', 'page.ts')],
    absWorkingDir: root,
    metafile: true,
    outfile: join(servedDir, 'page.js'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    sourcemap: 'linked',
    logLevel: 'silent',
    plugins: [useBuiltPackage],
  });
  const worker = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
  writeFileSync(join(servedDir, 'mockServiceWorker.js'), readFileSync(worker));
  writeFileSync(
    join(servedDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>puchify</title><link rel="icon" href="data:,">' +
      '<script type="module" src="/page.js"></script>\n',
  );
  return Object.keys(result.metafile.inputs);
}

/**
 * Serves the built page (or the files in `dir`) on 127.0.0.1 at a free port; resolves to
 * its origin.
 */
export async function servePage(
  dir = servedDir,
): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = normalize(join(dir, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('No port was assigned.');
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { origin: `http://127.0.0.1:${address.port}`, close };
}
