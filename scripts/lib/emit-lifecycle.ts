import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BANNER, ROOT, SPEC_PATH } from './paths';
import { tsLiteral } from './ts-literal';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** Loads the spec as plain data. */
export async function loadSpec(): Promise<Json> {
  return parse(await readFile(join(ROOT, SPEC_PATH), 'utf8')) as Json;
}

/** camelCase namespace of a path segment: `gpu-servers` -> `gpuServers`. */
function namespaceOf(resource: string): string {
  return resource.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Every `x-puchify-lifecycle`, keyed by namespace, with the schema it came from. */
function collectLifecycles(schemas: Json): Json {
  const out: Json = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const lifecycle = (schema as Json)['x-puchify-lifecycle'];
    if (lifecycle) out[namespaceOf(lifecycle.resource)] = { schema: name, ...lifecycle };
  }
  return out;
}

/**
 * The slice of each lifecycle the client needs to wait: the operational state, the
 * failure states and the deletion steps in order. The client imports this instead
 * of the full table, so a bundle leaves out what only the mock reads.
 */
function collectWaitStates(lifecycles: Json): Json {
  const out: Json = {};
  for (const [namespace, { operational, failures, delete: del }] of Object.entries(lifecycles)) {
    const deletion = del ? [del.via, del.to, del.then].filter(Boolean) : [];
    out[namespace] = { operational, failures, deletion };
  }
  return out;
}

/** Id prefix of every schema that has an id, from either extension. */
function collectIdPrefixes(schemas: Json): Json {
  const out: Json = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const prefix =
      (schema as Json)['x-puchify-lifecycle']?.idPrefix ?? (schema as Json)['x-puchify-id-prefix'];
    if (prefix) out[name] = prefix;
  }
  return out;
}

/** operationId -> { method, path } for every operation under `paths`. */
function collectOperations(paths: Json): Json {
  const out: Json = {};
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = (item as Json)[method];
      if (op?.operationId) out[op.operationId] = { method, path };
    }
  }
  return out;
}

/** Renders `lifecycle.ts` from the spec's `x-puchify-*` extensions and enums. */
export function renderLifecycle(spec: Json): string {
  const schemas = spec['components']['schemas'] as Json;
  const lifecycles = collectLifecycles(schemas);
  const parts = [
    BANNER,
    '',
    '/** Lifecycle of every provisioned resource, keyed by client namespace. */',
    `export const lifecycles = ${tsLiteral(lifecycles)} as const;`,
    '',
    '/** What the client needs to wait on each lifecycle: a slice of `lifecycles`. */',
    `export const waitStates = ${tsLiteral(collectWaitStates(lifecycles))} as const;`,
    '',
    "/** The status each resource type reaches when it is ready: what `until: 'operational'` waits for. */",
    'export type OperationalStatuses = {',
    ...Object.entries(lifecycles).map(
      ([namespace, { operational }]) => `  ${namespace}: '${operational}';`,
    ),
    '};',
    '',
    '/** Namespace of a resource that has a lifecycle. */',
    'export type LifecycleResource = keyof typeof lifecycles;',
    '',
    '/** One resource lifecycle. */',
    'export type Lifecycle = (typeof lifecycles)[LifecycleResource];',
    '',
    '/** Id prefix of every object that has an id, keyed by schema name. */',
    `export const idPrefixes = ${tsLiteral(collectIdPrefixes(schemas))} as const;`,
    '',
    '/** Every error code of the API. */',
    `export const errorCodes = ${tsLiteral(schemas['ErrorCode'].enum)} as const;`,
    '',
    '/** An error code of the API. */',
    'export type ErrorCode = (typeof errorCodes)[number];',
    '',
    '/** HTTP status that answers each error code. */',
    `export const errorStatus = ${tsLiteral(schemas['ErrorCode']['x-puchify-status'])} as const;`,
    '',
    '/** Every webhook event type this version of the API knows. */',
    `export const eventTypes = ${tsLiteral(schemas['EventType'].enum)} as const;`,
    '',
    '/** A known webhook event type. */',
    'export type EventType = (typeof eventTypes)[number];',
    '',
    '/** Method and path of every operation, keyed by operationId. */',
    `export const operationRoutes = ${tsLiteral(collectOperations(spec['paths']))} as const;`,
    '',
    '/** An operationId of the API. */',
    'export type OperationId = keyof typeof operationRoutes;',
    '',
  ];
  return parts.join('\n');
}
