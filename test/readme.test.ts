// README.md cannot drift from the code: every ts block type-checks against the sources
// and every shell line names scripts and options that exist. The API reference builds
// without a warning, within a time budget.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkReadme, extractBlocks } from '../scripts/check-readme';

const root = join(import.meta.dirname, '..');

// The three slow checks (two tsc runs and typedoc) run side by side.
describe.concurrent('documentation', () => {
  describe('README.md', () => {
    it('has code blocks that all type-check or name real commands', async () => {
      expect(await checkReadme()).toEqual([]);
    }, 60_000);

    it('starts with the two commands', () => {
      const blocks = extractBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
      expect(blocks.slice(0, 2).map((block) => block.code)).toEqual([
        'npm ci && npm start',
        'npm ci && npm test',
      ]);
    });
  });

  describe('checkReadme', () => {
    const fixture = [
      '# Fixture', // 1
      '```ts', // 2
      "const fine: string = 'yes';", // 3
      "const wrong: number = 'no';", // 4
      '```', // 5
      '```js', // 6
      'unchecked();', // 7
      '```', // 8
      '```sh', // 9
      'npm ci && npm run no-such-script', // 10
      'npx puchify-mock --seed demo --bogus', // 11
      'npm run mock -- --port 0 --nope', // 12
      '```', // 13
    ].join('\n');

    it('reports each problem at its README line', async () => {
      const dir = join(root, '.tmp', 'readme-fixture');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'README.md'), fixture);
      const problems = await checkReadme(join(dir, 'README.md'), join(dir, 'blocks'));
      expect(problems).toEqual([
        expect.stringMatching(/^README\.md:6: a ```js block is not checked/),
        'README.md:10: npm script "no-such-script" is missing.',
        'README.md:11: puchify-mock has no option --bogus.',
        'README.md:12: puchify-mock has no option --nope.',
        expect.stringMatching(/^README\.md:4:7: error TS2322: Type 'string' is not assignable/),
      ]);
    }, 60_000);

    it('refuses a fence that is never closed', () => {
      expect(() => extractBlocks('text\n```ts\nconst a = 1;\n')).toThrow(
        'README.md:2: this code fence is never closed.',
      );
    });
  });

  describe('npm run docs', () => {
    it('builds the API reference with no warning in under 45 s', async () => {
      const startedAt = Date.now();
      const typedoc = join(root, 'node_modules', '.bin', 'typedoc');
      const { stdout } = await promisify(execFile)(typedoc, [], {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(stdout).toMatch(/html generated at .*docs\/api/);
      expect(stdout).not.toMatch(/warning/i);
      // Alone it takes about 6 s; the margin absorbs a loaded CI machine.
      expect(Date.now() - startedAt).toBeLessThan(45_000);
    }, 90_000);
  });
});
