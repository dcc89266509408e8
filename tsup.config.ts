import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';
import type { Options } from 'tsup';

// Peers stay imports in the output: the user's copy is used, and a user of the client never
// pays for the mock's libraries.
const external = ['msw', 'zod', 'bcryptjs'];

const shared = {
  format: ['esm', 'cjs'],
  dts: false,
  sourcemap: true,
  splitting: false,
  treeshake: true,
  // tsup strips `node:` by default; the prefix keeps built-ins unmistakable for bundlers.
  removeNodeProtocol: false,
  external,
} satisfies Options;

export default defineConfig(() => {
  // The builds below run concurrently into one folder, so no single one may clean it.
  rmSync('dist', { recursive: true, force: true });
  return [
    {
      // Runs in Node, browsers, Deno, Bun and edge workers: platform `neutral` makes any
      // Node built-in an unresolvable import, so the build fails instead of shipping one.
      ...shared,
      entry: { index: 'src/index.ts', 'webhooks/index': 'src/webhooks/index.ts' },
      platform: 'neutral',
      target: 'es2022',
    },
    {
      // Node-only code (the webhook helper's Node variant, the standalone mock server) and
      // the mock's handlers, which msw runs in Node and in a browser service worker.
      ...shared,
      entry: {
        'webhooks/node': 'src/webhooks/node.ts',
        'mock/index': 'src/mock/index.ts',
        'mock/server': 'src/mock/server.ts',
      },
      platform: 'node',
      target: 'node20',
    },
    {
      // The `puchify-mock` executable: ESM only, no types, keeps its shebang.
      ...shared,
      entry: { 'mock/cli': 'src/mock/cli.ts' },
      format: ['esm'],
      platform: 'node',
      target: 'node20',
    },
    {
      // Declarations for every entry in one build, so the generated types are written once
      // per format into a shared chunk instead of once per platform build.
      ...shared,
      entry: {
        index: 'src/index.ts',
        'webhooks/index': 'src/webhooks/index.ts',
        'webhooks/node': 'src/webhooks/node.ts',
        'mock/index': 'src/mock/index.ts',
        'mock/server': 'src/mock/server.ts',
      },
      dts: { only: true },
    },
  ];
});
