import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createClient } from '@hey-api/openapi-ts';
import { BANNER, ROOT, SPEC_PATH } from './paths';

/**
 * Writes the zod schemas into `outDir` with hey-api's zod plugin alone: no client SDK.
 * Request schemas are kept whole (`zCreateServerData` with body, path, query and
 * headers) so the mock can validate a request in one call.
 */
export async function emitZod(outDir: string): Promise<void> {
  const previousCwd = process.cwd();
  // hey-api resolves the input against the working directory.
  process.chdir(ROOT);
  try {
    await createClient({
      input: SPEC_PATH,
      output: { path: relative(ROOT, outDir), clean: true, header: [BANNER] },
      // Request and response schemas are separate in the spec already; splitting on
      // readOnly would also strip ids and statuses from webhook payloads.
      parser: { transforms: { readWrite: false } },
      plugins: [{ name: 'zod', requests: { shouldExtract: true } }],
      logs: { level: 'silent' },
    });
  } finally {
    process.chdir(previousCwd);
  }
  await ensureBanners(outDir);
}

/** Puts the banner on the first line of every file, whatever hey-api's own header is. */
async function ensureBanners(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const file = join(dir, name);
    const text = await readFile(file, 'utf8');
    const body = text
      .split('\n')
      .filter((line) => line !== BANNER && !line.startsWith('// This file is auto-generated'))
      .join('\n')
      .replace(/^\n+/, '');
    await writeFile(file, `${BANNER}\n\n${body}`);
  }
}
