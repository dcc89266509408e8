import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BANNER } from './paths';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

interface Layers {
  name: string;
  summary: string;
  body: string | undefined;
  bodyRequired: boolean;
  path: string | undefined;
  query: string | undefined;
  headers: string | undefined;
}

/** Which request layers hey-api exported for each operation. */
function collectLayers(spec: Json, exported: Set<string>): Layers[] {
  const out: Layers[] = [];
  for (const [route, item] of Object.entries(spec['paths'] as Json)) {
    for (const method of METHODS) {
      const op = (item as Json)[method];
      if (!op?.operationId) continue;
      const name = op.operationId.charAt(0).toUpperCase() + op.operationId.slice(1);
      const has = (layer: string) =>
        exported.has(`z${name}${layer}`) ? `z${name}${layer}` : undefined;
      out.push({
        name,
        summary: `\`${op.operationId}\` (${method.toUpperCase()} ${route})`,
        body: has('Body'),
        bodyRequired: op.requestBody?.required === true,
        path: has('Path'),
        query: has('Query'),
        headers: has('Headers'),
      });
    }
  }
  return out;
}

/** One `z<Operation>Data` schema: every layer of one request in one object. */
function renderData(layers: Layers): string {
  const never = 'z.never().optional()';
  const body = layers.body
    ? layers.bodyRequired
      ? layers.body
      : `${layers.body}.optional()`
    : never;
  // Query parameters and request headers are all optional in this API, so the
  // layers themselves may be absent.
  const fields = [
    `  body: ${body},`,
    `  path: ${layers.path ?? never},`,
    `  query: ${layers.query ? `${layers.query}.optional()` : never},`,
    `  headers: ${layers.headers ? `${layers.headers}.optional()` : never},`,
  ];
  return [
    `/** Whole request of ${layers.summary}: body, path, query and headers. */`,
    `export const z${layers.name}Data = z.object({`,
    ...fields,
    '});',
  ].join('\n');
}

/**
 * Renders `requests.ts`: hey-api exports each request layer separately; the mock
 * validates a whole request at once, so the layers are composed here per operation.
 */
export async function renderRequestSchemas(spec: Json, zodDir: string): Promise<string> {
  const source = await readFile(join(zodDir, 'zod.gen.ts'), 'utf8');
  const exported = new Set([...source.matchAll(/^export const (\w+)/gm)].map((m) => m[1]!));
  const all = collectLayers(spec, exported);
  const imports = all
    .flatMap((l) => [l.body, l.path, l.query, l.headers])
    .filter((name): name is string => name !== undefined)
    .sort();
  return [
    BANNER,
    '',
    "import * as z from 'zod';",
    '',
    `import {\n${imports.map((name) => `  ${name},`).join('\n')}\n} from './zod.gen';`,
    '',
    all.map(renderData).join('\n\n'),
    '',
  ].join('\n');
}
