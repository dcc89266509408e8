import { z } from 'zod';
import { MockApiError } from './api-error';
import type { ErrorDetail } from './api-error';

type Schema = z.ZodType;

/** The request schemas of one operation, as the generator emits them. */
export interface OperationSchemas {
  body?: Schema | undefined;
  path?: Schema | undefined;
  query?: Schema | undefined;
}

/** Validated request parts. */
export interface ValidatedRequest {
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

type QueryKind = 'number' | 'boolean' | 'array' | 'string';

const defOf = (schema: unknown): { type?: string; innerType?: unknown; shape?: unknown } =>
  ((schema as { _zod?: { def?: unknown } })?._zod?.def ?? {}) as {
    type?: string;
    innerType?: unknown;
    shape?: unknown;
  };

// Optional, default, nullable and readonly wrappers hide the type underneath.
const unwrap = (schema: unknown): unknown => {
  let current = schema;
  for (let i = 0; i < 8; i++) {
    const def = defOf(current);
    if (def.innerType === undefined) return current;
    current = def.innerType;
  }
  return current;
};

const shapeOf = (schema: unknown): Record<string, unknown> | undefined => {
  const def = defOf(unwrap(schema));
  return def.type === 'object' ? (def.shape as Record<string, unknown>) : undefined;
};

/**
 * Works out, once per operation, which query parameters are numbers,
 * booleans or arrays: a URL carries only strings, and the generated schemas
 * expect the parsed types.
 */
function queryKinds(query: Schema | undefined): Map<string, QueryKind> {
  const kinds = new Map<string, QueryKind>();
  for (const [name, field] of Object.entries(shapeOf(query) ?? {})) {
    const type = defOf(unwrap(field)).type;
    kinds.set(
      name,
      type === 'number' || type === 'int' || type === 'bigint'
        ? 'number'
        : type === 'boolean'
          ? 'boolean'
          : type === 'array'
            ? 'array'
            : 'string',
    );
  }
  return kinds;
}

const coerce = (raw: string, kind: QueryKind): unknown => {
  if (kind === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (kind === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
};

/** Turns zod issues into `error.details`, naming fields as the wire spells them. */
export function toDetails(issues: readonly z.core.$ZodIssue[], part: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const issue of issues) {
    const field = fieldName(issue.path);
    if (issue.code === 'unrecognized_keys') {
      // One detail per unknown key, named, so a typo points at itself.
      for (const key of issue.keys) {
        const name = field === '' ? key : `${field}.${key}`;
        details.push({ field: name, message: `Unknown field "${key.slice(0, 40)}".` });
      }
    } else {
      details.push({ field: field === '' ? part : field, message: issue.message });
    }
  }
  return details;
}

const fieldName = (path: readonly PropertyKey[]): string => {
  let field = '';
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field === '' ? String(key) : `.${String(key)}`;
  }
  return field;
};

/**
 * A validator for one operation, built once: query coercion rules are
 * worked out here, not per request.
 */
export function createValidator(
  operationId: string,
  schemas: OperationSchemas,
): (input: {
  path: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}) => ValidatedRequest {
  const kinds = queryKinds(schemas.query);
  const body = strictBody(schemas.body);
  const requiresChanges = operationId.startsWith('update');

  return ({ path, query, body: rawBody }) => {
    const details: ErrorDetail[] = [];
    const rawQuery: Record<string, unknown> = {};
    for (const [name, value] of query) {
      const kind = kinds.get(name);
      if (kind === undefined) {
        details.push({ field: name, message: `Unknown query parameter "${name.slice(0, 40)}".` });
      } else if (kind === 'array') {
        ((rawQuery[name] ??= []) as unknown[]).push(value);
      } else if (name in rawQuery) {
        details.push({ field: name, message: 'Repeated query parameter; send it once.' });
      } else {
        rawQuery[name] = coerce(value, kind);
      }
    }
    const parsedPath = parsePart(schemas.path, path, 'path', details);
    const parsedQuery = parsePart(schemas.query, rawQuery, 'query', details);
    let parsedBody: unknown = undefined;
    if (body) {
      if (rawBody === undefined)
        details.push({ field: 'body', message: 'A JSON body is required.' });
      else parsedBody = parsePart(body, rawBody, 'body', details);
      if (requiresChanges && isEmptyObject(parsedBody)) {
        details.push({ field: 'body', message: 'Send at least one field to change.' });
      }
    }
    if (details.length > 0) {
      throw new MockApiError(
        422,
        'validation_failed',
        `The request is not valid: ${countOf(details.length, 'problem')}. See error.details.`,
        details,
      );
    }
    return {
      path: (parsedPath ?? {}) as Record<string, string>,
      query: (parsedQuery ?? {}) as Record<string, unknown>,
      body: parsedBody,
    };
  };
}

function parsePart(
  schema: Schema | undefined,
  value: unknown,
  part: string,
  details: ErrorDetail[],
): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  details.push(...toDetails(result.error.issues, part));
  return undefined;
}

// The spec says additionalProperties: false on every object a request body
// holds, at every depth, but the generated objects strip unknown keys
// silently. A typo like "nmae", or "autoscale_typo" inside a node pool, must
// be a 422 the caller sees, not a field quietly ignored. So every object in
// the body schema is made strict, except one whose schema already decides
// what extra keys do (a catchall, as `additionalProperties: {...}` emits).
function strictBody(schema: Schema | undefined): Schema | undefined {
  return schema === undefined ? undefined : strictDeep(schema, new Map());
}

type Def = Record<string, unknown> & { type?: string };
type Cloneable = Schema & { clone(def: Def): Schema };

// Wrappers and containers, with the def keys that hold the schemas inside them.
const INNER_KEYS: Record<string, readonly string[]> = {
  optional: ['innerType'],
  nullable: ['innerType'],
  default: ['innerType'],
  prefault: ['innerType'],
  nonoptional: ['innerType'],
  readonly: ['innerType'],
  catch: ['innerType'],
  array: ['element'],
  record: ['valueType'],
  pipe: ['in', 'out'],
  intersection: ['left', 'right'],
};

function strictDeep(schema: Schema, seen: Map<Schema, Schema>): Schema {
  const known = seen.get(schema);
  if (known) return known;
  const def = defOf(schema) as Def;
  const next: Def = { ...def };
  let isChanged = false;
  const visit = (inner: unknown): unknown => {
    const strict = strictDeep(inner as Schema, seen);
    if (strict !== inner) isChanged = true;
    return strict;
  };
  if (def.type === 'object') {
    const shape: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(def['shape'] as Record<string, unknown>)) {
      shape[key] = visit(field);
    }
    next['shape'] = shape;
    if (def['catchall'] === undefined) {
      next['catchall'] = z.never();
      isChanged = true;
    }
  } else if (def.type === 'union') {
    next['options'] = (def['options'] as unknown[]).map(visit);
  } else if (def.type === 'tuple') {
    next['items'] = (def['items'] as unknown[]).map(visit);
  } else {
    for (const key of INNER_KEYS[def.type ?? ''] ?? []) next[key] = visit(def[key]);
  }
  const result = isChanged ? (schema as Cloneable).clone(next) : schema;
  seen.set(schema, result);
  return result;
}

const isEmptyObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 0;

/** `1 problem`, `2 problems`: a count with its noun in the right number. */
function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
