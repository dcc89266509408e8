// The browser build of puchify/webhooks, bundled from source as a user's bundler would
// (everything it exports, minified, ESM), must stay under 2 KB gzipped and free of Node
// built-ins. Bundling from source keeps this check fast and independent of a build.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const MAX_GZIPPED_BYTES = 2048;

async function bundleWebhooks(): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [new URL('../../src/webhooks/index.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    minify: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  return { code, inputs: Object.keys(result.metafile.inputs) };
}

describe('puchify/webhooks browser bundle', () => {
  it(`stays under ${MAX_GZIPPED_BYTES} bytes minified and gzipped`, async () => {
    const { code } = await bundleWebhooks();
    const gzipped = gzipSync(code, { level: 9 }).length;
    expect(code.length).toBeGreaterThan(1000);
    expect(gzipped).toBeLessThan(MAX_GZIPPED_BYTES);
  });

  it('imports no Node built-in, zod or node:crypto code', async () => {
    const { code, inputs } = await bundleWebhooks();
    expect(code).not.toMatch(/\bfrom\s*["']node:|require\(|import\(["']/);
    expect(code).not.toContain('createHmac');
    expect(inputs.filter((input) => !input.startsWith('src/webhooks/'))).toEqual([]);
    expect(inputs).not.toContain('src/webhooks/node-crypto.ts');
  });
});
