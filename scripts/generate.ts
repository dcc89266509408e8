/**
 * `npm run generate` writes src/generated/ from openapi/puchify.yaml;
 * `npm run generate:check` (`--check`) regenerates into a temporary directory and
 * fails, naming the stale files, when src/generated/ differs from it.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitTypes } from './lib/emit-types';
import { emitZod } from './lib/emit-zod';
import { loadSpec, renderLifecycle } from './lib/emit-lifecycle';
import { renderRequestSchemas } from './lib/emit-request-schemas';
import { lintSpec } from './lib/lint-spec';
import { diffDirs, replaceDir } from './lib/sync-dir';
import { BANNER, GENERATED_DIR, ROOT } from './lib/paths';

const STALE_MESSAGE = 'src/generated is out of date: run `npm run generate` and commit the result.';

const INDEX = [
  BANNER,
  '',
  "export type { components, operations, paths, webhooks } from './types';",
  "export * from './lifecycle';",
  '',
].join('\n');

// The zod schemas stay out of the main barrel: zod is an optional peer dependency
// that only the mock needs.
const ZOD_INDEX = [
  BANNER,
  '',
  "export * from './zod.gen';",
  "export * from './requests';",
  '',
].join('\n');

/** Writes every generated file into `outDir`. */
async function generateInto(outDir: string): Promise<void> {
  const spec = await loadSpec();
  const zodDir = join(outDir, 'zod');
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'types.ts'), await emitTypes());
  await emitZod(zodDir);
  await writeFile(join(zodDir, 'requests.ts'), await renderRequestSchemas(spec, zodDir));
  await writeFile(join(zodDir, 'index.ts'), ZOD_INDEX);
  await writeFile(join(outDir, 'lifecycle.ts'), renderLifecycle(spec));
  await writeFile(join(outDir, 'index.ts'), INDEX);
}

async function main(check: boolean): Promise<number> {
  // Step 1: refuse a spec the linter rejects, and say which command shows why.
  const lint = lintSpec();
  if (!lint.ok) {
    process.stderr.write(`${lint.output}\n\n`);
    process.stderr.write(
      'openapi/puchify.yaml does not pass the linter, so nothing was generated. ' +
        'Run `npm run lint:spec`, fix the errors it lists, then run `npm run generate`.\n',
    );
    return 1;
  }

  // Step 2: generate into a scratch directory, so a failure leaves src/generated intact.
  const scratch = await mkdtemp(join(tmpdir(), 'puchify-generate-'));
  try {
    await generateInto(join(scratch, 'generated'));
    const target = join(ROOT, GENERATED_DIR);

    // Step 3: either compare (check) or replace src/generated.
    if (check) {
      const stale = await diffDirs(join(scratch, 'generated'), target);
      if (stale.length === 0) {
        process.stdout.write('src/generated is up to date.\n');
        return 0;
      }
      const list = stale.map((file) => `  ${GENERATED_DIR}/${file}`).join('\n');
      process.stderr.write(`${STALE_MESSAGE}\nStale files:\n${list}\n`);
      return 1;
    }
    await replaceDir(join(scratch, 'generated'), target);
    process.stdout.write(`Wrote ${GENERATED_DIR}/ from openapi/puchify.yaml.\n`);
    return 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.includes('--check'));
