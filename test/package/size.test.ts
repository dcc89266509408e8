// Size budgets for what a browser user ships: each entry point bundled with everything it
// exports and its runtime dependency, minified and gzipped. Generated types must cost nothing
// at run time, and zod enters only the mock (or an explicit opt-in), never the client bundle.
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, bundle } from './bundle';
import type { Bundle } from './bundle';

const budgets = [
  { entry: 'puchify', maxBytes: 12 * 1024 },
  { entry: 'puchify/webhooks', maxBytes: 2 * 1024 },
] as const;

interface Measured {
  minified: number;
  gzipped: number;
  /** Minified bytes contributed by the package itself versus its dependencies. */
  own: number;
  dependencies: number;
}

function measure(result: Bundle): Measured {
  const [output] = Object.values(result.metafile.outputs);
  let own = 0;
  let dependencies = 0;
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    if (input.includes('node_modules/')) dependencies += bytesInOutput;
    else own += bytesInOutput;
  }
  const bytes = Buffer.from(result.code);
  return {
    minified: bytes.length,
    gzipped: gzipSync(bytes, { level: 9 }).length,
    own,
    dependencies,
  };
}

async function minifiedBundle(entry: string): Promise<Bundle> {
  return bundle(`export * from '${entry}';`, { platform: 'browser', minify: true });
}

describe('bundle size budgets (min+gzip)', () => {
  beforeAll(assertBuilt);

  it.each(budgets)('$entry stays under $maxBytes bytes', async ({ entry, maxBytes }) => {
    const size = measure(await minifiedBundle(entry));
    console.log(
      `${entry}: ${size.gzipped} B min+gzip (budget ${maxBytes} B), ${size.minified} B minified ` +
        `(${size.own} B own code, ${size.dependencies} B dependencies)`,
    );
    expect(size.gzipped).toBeLessThan(maxBytes);
  });

  it('keeps zod and the generated schemas out of the client bundle', async () => {
    const { inputs, externalImports, code } = await minifiedBundle('puchify');
    expect(inputs.filter((input) => input.includes('node_modules/zod/'))).toEqual([]);
    expect(externalImports).toEqual([]);
    // zod's own error text would survive minification if any schema had been bundled.
    expect(code).not.toMatch(/ZodError|\$ZodType/);
  });
});
