import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** A node of the parsed spec: untyped YAML, so property access is unchecked on purpose. */
export type Json = any;

export const spec: Json = parse(
  readFileSync(new URL('../../openapi/puchify.yaml', import.meta.url), 'utf8'),
) as Json;

export const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** Resolves a local `$ref` (`#/components/...`) against the spec. */
export function deref(node: Json): Json {
  if (typeof node?.['$ref'] !== 'string') return node;
  const target = (node['$ref'] as string)
    .slice(2)
    .split('/')
    .reduce<Json>((at, key) => at[key], spec);
  return deref(target);
}

/** Every operation under `paths`, with its method, path and path-level parameters. */
export function listOperations(): {
  id: string;
  method: string;
  path: string;
  op: Json;
  shared: Json[];
}[] {
  const out = [];
  for (const [path, item] of Object.entries<Json>(spec['paths'] as Json)) {
    for (const method of HTTP_METHODS) {
      const op = (item as Json)[method];
      if (op) out.push({ id: op.operationId, method, path, op, shared: item.parameters ?? [] });
    }
  }
  return out;
}

/** `createServer` -> `CreateServer`, the stem of hey-api's export names. */
export function pascal(operationId: string): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}
