// The house rules that no formatter checks, held over every hand-written source file:
// the library prints nothing, suppresses no type error without a reason, and names a
// shortcoming in words instead of leaving a bare marker.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return /\.(ts|mts|cts)$/.test(entry.name) ? [path] : [];
  });
}

/** Lines of src/ that match `pattern`, outside comments, as `file:line: text`. */
function codeLinesMatching(pattern: RegExp, { inComments = false } = {}): string[] {
  return sourceFiles(join(root, 'src')).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((text, index) => ({ text, line: index + 1 }))
      .filter(({ text }) => inComments || !/^\s*(\/\/|\*|\/\*)/.test(text))
      .filter(({ text }) => pattern.test(text))
      .map(({ text, line }) => `${relative(root, file)}:${line}: ${text.trim()}`),
  );
}

describe('source rules', () => {
  it('calls no console method in src (the mock CLI writes to process.stdout)', () => {
    expect(codeLinesMatching(/\bconsole\.\w+\(/)).toEqual([]);
  });

  it('uses no @ts-ignore, and gives every @ts-expect-error its reason', () => {
    expect(codeLinesMatching(/@ts-ignore/, { inComments: true })).toEqual([]);
    const bare = codeLinesMatching(/@ts-expect-error(?!\s+--\s+\S)/, { inComments: true });
    expect(bare).toEqual([]);
  });

  it('leaves no bare TODO, FIXME, XXX or HACK marker', () => {
    expect(codeLinesMatching(/\b(TODO|FIXME|XXX|HACK)\b/, { inComments: true })).toEqual([]);
  });
});
