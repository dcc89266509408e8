import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, SPEC_PATH } from './paths';

/**
 * Lints the spec with the same command as `npm run lint:spec`. Generating from a spec
 * the linter rejects would spread its mistakes into every generated file.
 */
export function lintSpec(): { ok: true } | { ok: false; output: string } {
  const require = createRequire(join(ROOT, 'package.json'));
  const cli = join(require.resolve('@redocly/cli/package.json'), '..', 'bin', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'lint', SPEC_PATH, '--format=stylish'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  if (result.status === 0) return { ok: true };
  return { ok: false, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}
