// `npm run check:package`: the packed tarball is what users install, so it is what we lint.
// Checks the manifest's entry points, the tarball's contents, publint (every message, even a
// suggestion, is a failure) and @arethetypeswrong under node10, node16 (CJS and ESM) and bundler
// resolution for every entry point. Prints every problem found and exits 1 if there is one.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import {
  ensureBuilt,
  entryPoints,
  packTarball,
  publishedTargets,
  readManifest,
  root,
  specifier,
  tarballFiles,
} from './package-tarball';

type Conditions = { [condition: string]: string | Conditions };

const resolutionKinds = ['node10', 'node16-cjs', 'node16-esm', 'bundler'] as const;
const allowedTopLevel = ['dist/', 'openapi/', 'webhooks/', 'mock/'];
const allowedFiles = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/** Each `import` target must be `.js` + `.d.ts`, each `require` target `.cjs` + `.d.cts`. */
function checkConditions(entry: string, tree: Conditions, format: string | null): string[] {
  const problems: string[] = [];
  const keys = Object.keys(tree);
  if (keys.includes('types') && keys[0] !== 'types') {
    problems.push(`exports["${entry}"]: "types" must be the first condition of its object.`);
  }
  for (const [condition, value] of Object.entries(tree)) {
    const mode = condition === 'import' || condition === 'require' ? condition : format;
    if (typeof value !== 'string') {
      problems.push(...checkConditions(entry, value, mode));
      continue;
    }
    const expected = { import: ['.d.ts', '.js'], require: ['.d.cts', '.cjs'] }[mode ?? ''];
    const suffix = condition === 'types' ? expected?.[0] : expected?.[1];
    if (!expected || !suffix) {
      problems.push(`exports["${entry}"].${condition} is outside an import or require condition.`);
    } else if (!value.endsWith(suffix) || (suffix === '.js' && value.endsWith('.d.ts'))) {
      problems.push(`exports["${entry}"] ${mode}.${condition} is ${value}; expected *${suffix}.`);
    }
  }
  return problems;
}

function checkManifest(): string[] {
  const manifest = readManifest();
  const problems: string[] = [];
  if (manifest['sideEffects'] !== false)
    problems.push('package.json must say "sideEffects": false.');
  const keys = Object.keys(manifest.exports).sort();
  const wanted = [...entryPoints, './package.json'].sort();
  if (JSON.stringify(keys) !== JSON.stringify(wanted)) {
    problems.push(`exports lists ${keys.join(', ')}; expected exactly ${wanted.join(', ')}.`);
  }
  for (const entry of entryPoints) {
    const tree = manifest.exports[entry] as Conditions | undefined;
    const serialized = JSON.stringify(tree ?? {});
    if (!serialized.includes('"import"') || !serialized.includes('"require"')) {
      problems.push(`exports["${entry}"] needs both an import and a require condition.`);
    }
    if (tree) problems.push(...checkConditions(entry, tree, null));
  }
  return problems;
}

function checkTarball(tarball: string): string[] {
  const files = tarballFiles(tarball);
  const problems = publishedTargets()
    .filter((target) => !files.includes(target))
    .map((target) => `The tarball lacks ${target}, which package.json points to.`);
  for (const file of files) {
    const allowed =
      allowedFiles.includes(file) || allowedTopLevel.some((prefix) => file.startsWith(prefix));
    if (!allowed) problems.push(`The tarball ships ${file}, which users do not need.`);
  }
  for (const entry of entryPoints.filter((entry) => entry !== '.')) {
    // Resolvers without `exports` support (node10, older bundlers) find subpaths through these.
    const stub = `${entry.slice(2)}/package.json`;
    if (!files.includes(stub)) problems.push(`The tarball lacks ${stub} for node10 resolution.`);
  }
  return problems;
}

async function checkPublint(tarball: string): Promise<string[]> {
  const data = readFileSync(tarball);
  const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: buffer }, level: 'suggestion' });
  return messages.map((message) => `publint ${message.type}: ${formatMessage(message, pkg)}`);
}

type AttwResolution = { resolution?: { fileName: string }; implementationResolution?: unknown };
type AttwReport = {
  analysis: {
    problems?: ({ kind: string } & Record<string, unknown>)[];
    entrypoints: Record<string, { resolutions: Record<string, AttwResolution> }>;
  };
};

function checkTypes(tarball: string): string[] {
  const attw = join(root, 'node_modules', '.bin', 'attw');
  // The report goes to a file: attw exits right after printing, which cuts a piped report
  // off at 64 KiB exactly when there are problems to read.
  const reportPath = join(dirname(tarball), 'attw.json');
  const report = openSync(reportPath, 'w');
  try {
    execFileSync(attw, [tarball, '--profile', 'strict', '--format', 'json'], {
      stdio: ['ignore', report, 'inherit'],
    });
  } catch {
    // attw exits 1 when it finds problems; the report lists them.
  } finally {
    closeSync(report);
  }
  const output = readFileSync(reportPath, 'utf8');
  const { analysis } = JSON.parse(output) as AttwReport;
  const problems = (analysis.problems ?? []).map((problem) => {
    // Problem shapes differ by kind: some name an entry point, others the files involved.
    const { kind, ...where } = problem;
    const place = Object.entries(where)
      .filter(([, value]) => typeof value === 'string')
      .map(([key, value]) => `${key}=${String(value)}`);
    return `attw ${kind}: ${place.join(', ')}.`;
  });
  for (const entry of entryPoints) {
    for (const kind of resolutionKinds) {
      const resolved = analysis.entrypoints[entry]?.resolutions[kind];
      const file = resolved?.resolution?.fileName;
      if (!file) problems.push(`attw: ${specifier(entry)} does not resolve under ${kind}.`);
      else console.log(`  ${specifier(entry).padEnd(20)} ${kind.padEnd(11)} -> ${file}`);
    }
  }
  return problems;
}

async function main(): Promise<void> {
  ensureBuilt();
  const tarball = packTarball(join(root, '.tmp', 'package'));
  console.log(`Checking ${tarball}`);
  const problems = [
    ...checkManifest(),
    ...checkTarball(tarball),
    ...(await checkPublint(tarball)),
    ...checkTypes(tarball),
  ];
  if (problems.length > 0) {
    console.error(`\nThe package has ${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
  console.log(`\nThe package passes publint and attw for ${entryPoints.length} entry points.`);
}

await main();
