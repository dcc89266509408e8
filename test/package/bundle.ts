// Bundles entry points of the built package the way a user's bundler would: by package name,
// through `exports`, from dist/. The repository resolves its own name, so no install is needed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BuildOptions, Metafile } from 'esbuild';
import { publishedTargets, root } from '../../scripts/package-tarball';

/** What a bundle is made of and how big it is. */
export interface Bundle {
  code: string;
  /** Every file esbuild read, relative to the repository root. */
  inputs: string[];
  /** Imports left in the output (externals), by path. */
  externalImports: string[];
  metafile: Metafile;
}

/** Fails with a clear message when the package has not been built yet. */
export function assertBuilt(): void {
  const missing = publishedTargets().filter((target) => !existsSync(join(root, target)));
  if (missing.length > 0) {
    throw new Error(
      `The package is not built (missing ${missing.join(', ')}); run \`npm run build\` first.`,
    );
  }
}

/**
 * Bundles `source` (an ES module importing `puchify...`) into one file, in memory.
 * @example await bundle("export * from 'puchify/webhooks';", { platform: 'neutral' })
 */
export async function bundle(source: string, options: BuildOptions = {}): Promise<Bundle> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts', sourcefile: 'consumer.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    ...options,
  });
  const output = result.outputFiles?.[0];
  const { metafile } = result;
  const meta = metafile && Object.values(metafile.outputs)[0];
  if (!output || !metafile || !meta) throw new Error('esbuild produced no output file.');
  return {
    code: output.text,
    inputs: Object.keys(metafile.inputs),
    externalImports: meta.imports.filter((entry) => entry.external).map((entry) => entry.path),
    metafile,
  };
}
