import { defineConfig } from 'tsup';

// One build per entry point of the package. The client and the webhook helper stay free of
// Node built-ins so the same files run in browsers and edge workers; the mock entry points
// are Node-and-browser code that keeps msw, zod and bcryptjs as peers.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'webhooks/index': 'src/webhooks/index.ts',
    'mock/index': 'src/mock/index.ts',
    'mock/server': 'src/mock/server.ts',
    'mock/cli': 'src/mock/cli.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: false,
  treeshake: true,
  external: ['msw', 'zod', 'bcryptjs', 'openapi-fetch'],
});
