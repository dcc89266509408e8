// Size budgets for what a browser user ships: each entry point bundled with everything it
// exports, minified and gzipped. Generated types must cost nothing at run time, and zod
// enters only the mock (or an explicit opt-in), never the client bundle.
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, bundle } from './bundle';
import type { Bundle } from './bundle';

/**
 * The client's budget is for an app that constructs it, which brings every resource along;
 * the webhook helper's is for everything the entry exports. Both print the whole-entry size.
 * The client has no runtime dependency: its own exchange (exchange.ts) replaced
 * openapi-fetch's createClient, which took 2.3 KB of the gzipped total, most of it query
 * and path serialisers for styles the API never uses.
 */
const budgets = [
  {
    entry: 'puchify',
    usage: `import { Puchify } from 'puchify';\nexport const client = new Puchify({ apiKey: 'pk' });`,
    maxBytes: 12 * 1024,
  },
  { entry: 'puchify/webhooks', usage: `export * from 'puchify/webhooks';`, maxBytes: 2 * 1024 },
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

async function minifiedBundle(source: string): Promise<Bundle> {
  return bundle(source, { platform: 'browser', minify: true });
}

function describeSize(label: string, size: Measured): string {
  return (
    `${label}: ${size.gzipped} B min+gzip, ${size.minified} B minified ` +
    `(${size.own} B own code, ${size.dependencies} B dependencies)`
  );
}

describe('bundle size budgets (min+gzip)', () => {
  beforeAll(assertBuilt);

  it.each(budgets)('$entry stays under $maxBytes bytes', async ({ entry, usage, maxBytes }) => {
    const used = measure(await minifiedBundle(usage));
    const whole = measure(await minifiedBundle(`export * from '${entry}';`));
    console.log(`${describeSize(`${entry} as used`, used)}; budget ${maxBytes} B`);
    console.log(describeSize(`${entry} with every export`, whole));
    expect(used.gzipped).toBeLessThan(maxBytes);
    expect(whole.gzipped).toBeLessThan(maxBytes);
    // Nothing from node_modules: neither entry has a runtime dependency to bundle.
    expect(whole.dependencies).toBe(0);
  });

  it('keeps zod and the generated schemas out of the client bundle', async () => {
    const { inputs, externalImports, code } = await minifiedBundle(`export * from 'puchify';`);
    expect(inputs.filter((input) => input.includes('node_modules/zod/'))).toEqual([]);
    expect(externalImports).toEqual([]);
    // zod's own error text would survive minification if any schema had been bundled.
    expect(code).not.toMatch(/ZodError|\$ZodType/);
  });
});
