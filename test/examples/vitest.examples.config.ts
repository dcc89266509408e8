// Runs the examples that are test files (examples/*.test.ts) the way a user runs their
// own tests; test/examples/examples.test.ts starts it. The repository's own vitest
// config only collects test/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: { include: ['examples/**/*.test.ts'], testTimeout: 10_000 },
});
