// The release flow, dry: `changeset version` runs on a copy of package.json and .changeset/
// under .tmp/, so CI proves the pending changesets produce a CHANGELOG without touching any
// tracked file.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readManifest, root } from '../../scripts/package-tarball';

const copy = join(root, '.tmp', 'changeset-dry-run');
const trackedChangelog = join(root, 'CHANGELOG.md');

function readIfPresent(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

function pendingChangesets(directory: string): string[] {
  return readdirSync(directory).filter((name) => name.endsWith('.md') && name !== 'README.md');
}

/** The bump a changeset asks for `puchify`, and its first line of prose. */
function parseChangeset(file: string): { bump: string; firstLine: string } {
  const text = readFileSync(join(root, '.changeset', file), 'utf8');
  const match = /^---\n(?<front>[\s\S]*?)\n---\n+(?<body>[\s\S]*)$/.exec(text);
  const bump = /^['"]?puchify['"]?:\s*(?<bump>major|minor|patch)\s*$/m.exec(
    match?.groups?.['front'] ?? '',
  );
  return {
    bump: bump?.groups?.['bump'] ?? 'none',
    firstLine: (match?.groups?.['body'] ?? '').split('\n')[0]?.trim() ?? '',
  };
}

function nextVersion(version: string, bumps: string[]): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  if (bumps.includes('major')) return `${major + 1}.0.0`;
  if (bumps.includes('minor')) return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

describe('release flow (changesets, dry run)', () => {
  const changesets = pendingChangesets(join(root, '.changeset'));
  const parsed = changesets.map(parseChangeset);
  const changelogBefore = readIfPresent(trackedChangelog);

  beforeAll(() => {
    rmSync(copy, { recursive: true, force: true });
    mkdirSync(copy, { recursive: true });
    cpSync(join(root, 'package.json'), join(copy, 'package.json'));
    cpSync(join(root, '.changeset'), join(copy, '.changeset'), { recursive: true });
    const changeset = join(root, 'node_modules', '.bin', 'changeset');
    execFileSync(changeset, ['version'], { cwd: copy, stdio: 'pipe' });
  });

  it('has a changeset for the first release, a minor bump of puchify', () => {
    expect(changesets).toContain('first-release.md');
    expect(parseChangeset('first-release.md').bump).toBe('minor');
    for (const changeset of parsed) expect(changeset.bump).not.toBe('none');
  });

  it('writes a CHANGELOG with the next version and every changeset', () => {
    const changelog = readFileSync(join(copy, 'CHANGELOG.md'), 'utf8');
    const version = nextVersion(
      readManifest().version,
      parsed.map((entry) => entry.bump),
    );
    expect(changelog).toMatch(new RegExp(`^## ${version.replaceAll('.', '\\.')}$`, 'm'));
    for (const { firstLine } of parsed) expect(changelog).toContain(firstLine);
    expect(JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')).version).toBe(version);
  });

  it('consumes the changesets in the copy and leaves the repository untouched', () => {
    expect(pendingChangesets(join(copy, '.changeset'))).toEqual([]);
    expect(pendingChangesets(join(root, '.changeset'))).toEqual(changesets);
    expect(readIfPresent(trackedChangelog)).toBe(changelogBefore);
  });
});
