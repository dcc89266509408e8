// Keeps README.md from drifting from the code. Every ```ts block is written to
// .tmp/readme/ and type-checked against the sources, with `puchify`, `puchify/webhooks`,
// `puchify/mock` and `puchify/mock/server` mapped to their entry files; every ```sh
// block may only run npm scripts that exist and puchify-mock options the CLI knows.
// Problems are reported as README.md:<line>. Run: npm run check:readme
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const defaultOutDir = join(root, '.tmp', 'readme');

/** One fenced block: its language, its code, and the README line of its first code line. */
export interface CodeBlock {
  lang: string;
  code: string;
  line: number;
}

/** Finds every fenced block; an unclosed fence is an error at its opening line. */
export function extractBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(\S*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const end = lines.findIndex((text, j) => j > i && /^```\s*$/.test(text));
    if (end === -1) throw new Error(`README.md:${i + 1}: this code fence is never closed.`);
    blocks.push({ lang: open[1] ?? '', code: lines.slice(i + 1, end).join('\n'), line: i + 2 });
    i = end;
  }
  return blocks;
}

const CHECKED_LANGUAGES = new Set(['ts', 'sh']);

/** Blocks in a language nothing checks would drift silently, so they are refused. */
function checkLanguages(blocks: CodeBlock[]): string[] {
  return blocks
    .filter((block) => !CHECKED_LANGUAGES.has(block.lang))
    .map(
      (block) =>
        `README.md:${block.line - 1}: a \`\`\`${block.lang || '(no language)'} block is ` +
        'not checked; use ```ts (type-checked) or ```sh (commands checked).',
    );
}

/** Options the puchify-mock CLI accepts, read from its usage text. */
function mockCliOptions(): Set<string> {
  const source = readFileSync(join(root, 'src', 'mock', 'cli.ts'), 'utf8');
  return new Set(source.match(/^ {2}--[a-z-]+/gm)?.map((option) => option.trim()) ?? []);
}

/** Checks one shell line: npm scripts must exist, puchify-mock options must be known. */
function checkShellLine(text: string, scripts: Set<string>, cliOptions: Set<string>): string[] {
  const problems: string[] = [];
  for (const command of text.split(/&&|;|\|/).map((part) => part.trim())) {
    const script = /^npm (?:run ([\w:-]+)|(start|test))\b/.exec(command);
    const name = script?.[1] ?? script?.[2];
    if (name !== undefined && !scripts.has(name)) problems.push(`npm script "${name}" is missing`);
    // `npm run mock -- ...` is the same CLI, run from source.
    if (/\bpuchify-mock\b|^npm run mock\b/.test(command)) {
      for (const option of command.match(/--[a-z-]+/g) ?? []) {
        if (!cliOptions.has(option)) problems.push(`puchify-mock has no option ${option}`);
      }
    }
  }
  return problems;
}

function checkShellBlocks(blocks: CodeBlock[]): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const scripts = new Set(Object.keys(manifest.scripts));
  const cliOptions = mockCliOptions();
  return blocks
    .filter((block) => block.lang === 'sh')
    .flatMap((block) =>
      block.code
        .split('\n')
        .flatMap((text, index) =>
          text.trim().startsWith('#')
            ? []
            : checkShellLine(text, scripts, cliOptions).map(
                (problem) => `README.md:${block.line + index}: ${problem}.`,
              ),
        ),
    );
}

// The README says its snippets share one client called `puchify`.
const PRELUDE = "declare const puchify: import('puchify').Puchify;\n";

/** Maps the package's import names to their entry files, relative to `outDir`. */
function entryPaths(outDir: string): Record<string, string[]> {
  const entries = {
    puchify: 'src/index.ts',
    'puchify/webhooks': 'src/webhooks/index.ts',
    'puchify/mock': 'src/mock/index.ts',
    'puchify/mock/server': 'src/mock/server.ts',
  };
  return Object.fromEntries(
    Object.entries(entries).map(([name, file]) => [name, [relative(outDir, join(root, file))]]),
  );
}

/**
 * Writes each ts block as its own module, named after its README line. `export {}`
 * goes last so line numbers in tsc's messages map straight back to the README.
 */
function writeTsBlocks(blocks: CodeBlock[], outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const block of blocks.filter((b) => b.lang === 'ts')) {
    writeFileSync(join(outDir, `block-line-${block.line}.ts`), `${block.code}\nexport {};\n`);
  }
  writeFileSync(join(outDir, 'prelude.d.ts'), PRELUDE);
  const tsconfig = {
    extends: relative(outDir, join(root, 'tsconfig.json')),
    // Snippets show one idea each; a name they declare but do not use is fine.
    // `process.env.NAME` reads as users write it; the repository's stricter rule is off.
    compilerOptions: {
      noUnusedLocals: false,
      noUnusedParameters: false,
      noPropertyAccessFromIndexSignature: false,
      paths: entryPaths(outDir),
    },
    include: ['*.ts'],
  };
  writeFileSync(join(outDir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
}

/** Runs tsc over the blocks; maps each diagnostic to its README line. */
async function typeCheck(outDir: string): Promise<string[]> {
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const args = ['-p', join(outDir, 'tsconfig.json'), '--pretty', 'false'];
  const output = await promisify(execFile)(tsc, args, { cwd: root }).then(
    () => '',
    (error: { stdout?: string; message: string }) => error.stdout || error.message,
  );
  const problems: string[] = [];
  for (const text of output.split('\n').filter((line) => line.trim() !== '')) {
    const match = /block-line-(\d+)\.ts\((\d+),(\d+)\): (.*)$/.exec(text);
    const [, first, row, column, message] = match ?? [];
    if (match) problems.push(`README.md:${Number(first) + Number(row) - 1}:${column}: ${message}`);
    // tsc indents the explanation of the line above.
    else if (/^\s/.test(text) && problems.length > 0) problems.push(`${problems.pop()}\n${text}`);
    else problems.push(`README check: ${text.replace(`${root}/`, '')}`);
  }
  return problems;
}

/** Every problem found in README.md; empty when it is in step with the code. */
export async function checkReadme(
  path = join(root, 'README.md'),
  outDir = defaultOutDir,
): Promise<string[]> {
  const blocks = extractBlocks(readFileSync(path, 'utf8'));
  const problems = [...checkLanguages(blocks), ...checkShellBlocks(blocks)];
  writeTsBlocks(blocks, outDir);
  problems.push(...(await typeCheck(outDir)));
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problems = await checkReadme();
  for (const problem of problems) console.error(problem);
  const where = relative(process.cwd(), defaultOutDir) || '.';
  console.log(
    problems.length === 0
      ? `README.md: every code block checks out (ts blocks type-checked in ${where}).`
      : `README.md: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}.`,
  );
  process.exitCode = problems.length === 0 ? 0 : 1;
}
