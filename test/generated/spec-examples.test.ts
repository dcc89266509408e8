import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import * as zod from '../../src/generated/zod';
import { deref, listOperations, pascal, spec, type Json } from './load-spec';

interface Case {
  where: string;
  schema: ZodType;
  value: unknown;
}

function zodExport(name: string): ZodType {
  const schema = (zod as unknown as Record<string, ZodType | undefined>)[name];
  if (!schema) throw new Error(`src/generated/zod has no export ${name}; run npm run generate.`);
  return schema;
}

/** A property of a zod object, unwrapping hey-api's `.and()` intersections. */
function shapeOf(schema: ZodType): Record<string, ZodType> | undefined {
  const def = (schema as any)._zod.def;
  if (def.type === 'object') return def.shape;
  if (def.type === 'intersection') return { ...shapeOf(def.left), ...shapeOf(def.right) };
  return undefined;
}

/** Schema-level and property-level examples of every component schema. */
function schemaCases(): Case[] {
  const cases: Case[] = [];
  for (const [name, schema] of Object.entries<Json>(spec['components']['schemas'] as Json)) {
    const z = zodExport(`z${name}`);
    for (const value of schema.examples ?? []) cases.push({ where: name, schema: z, value });
    const shape = shapeOf(z);
    for (const [prop, sub] of Object.entries<Json>((schema.properties ?? {}) as Json)) {
      for (const value of sub.examples ?? []) {
        cases.push({ where: `${name}.${prop}`, schema: shape![prop]!, value });
      }
    }
  }
  return cases;
}

/** Request-body examples and error-response examples. */
function mediaCases(): Case[] {
  const cases: Case[] = [];
  for (const { id, op } of listOperations()) {
    const body = op.requestBody?.content?.['application/json'];
    if (body?.example !== undefined) {
      cases.push({
        where: `${id} body`,
        schema: zodExport(`z${pascal(id)}Body`),
        value: body.example,
      });
    }
  }
  for (const [name, response] of Object.entries<Json>(spec['components']['responses'] as Json)) {
    const media = response.content?.['application/json'];
    for (const [key, example] of Object.entries<Json>((media?.examples ?? {}) as Json)) {
      const schemaName = media.schema.$ref.split('/').pop();
      cases.push({
        where: `${name} ${key}`,
        schema: zodExport(`z${schemaName}`),
        value: example.value,
      });
    }
  }
  return cases;
}

const LAYER: Record<string, string> = { query: 'Query', path: 'Path', header: 'Headers' };

/** Parameter examples, checked against the generated layer schema of each operation. */
function parameterCases(): Case[] {
  const cases: Case[] = [];
  for (const { id, op, shared } of listOperations()) {
    for (const param of [...shared, ...(op.parameters ?? [])].map(deref)) {
      if (param.example === undefined) continue;
      const layer = shapeOf(zodExport(`z${pascal(id)}${LAYER[param.in]}`));
      cases.push({
        where: `${id} ${param.name}`,
        schema: layer![param.name]!,
        value: param.example,
      });
    }
  }
  return cases;
}

/** Webhook payload and header examples, against `z<Event>WebhookRequest`. */
function webhookCases(): Case[] {
  const cases: Case[] = [];
  for (const [type, item] of Object.entries<Json>(spec['webhooks'] as Json)) {
    const op = item.post;
    const request = shapeOf(zodExport(`z${pascal(op.operationId)}WebhookRequest`))!;
    const media = op.requestBody.content['application/json'];
    for (const value of media.schema.examples ?? []) {
      cases.push({ where: `${type} body`, schema: request['body']!, value });
    }
    for (const param of op.parameters.map(deref)) {
      const headers = shapeOf(request['headers']!)!;
      cases.push({
        where: `${type} ${param.name}`,
        schema: headers[param.name]!,
        value: param.example,
      });
    }
  }
  return cases;
}

describe('every example in openapi/puchify.yaml', () => {
  const groups = {
    schema: schemaCases(),
    'media type': mediaCases(),
    parameter: parameterCases(),
    webhook: webhookCases(),
  };

  it('covers every kind of example in numbers that prove the walk found them', () => {
    expect(groups.schema.length).toBeGreaterThan(200);
    expect(groups['media type'].length).toBeGreaterThan(30);
    expect(groups.parameter.length).toBeGreaterThan(120);
    expect(groups.webhook.length).toBe(Object.keys(spec['webhooks']).length * 4);
  });

  for (const [kind, cases] of Object.entries(groups)) {
    it(`parses every ${kind} example with its generated zod schema`, () => {
      const failures = cases
        .map(({ where, schema, value }) => ({ where, result: schema.safeParse(value) }))
        .filter(({ result }) => !result.success)
        .map(({ where, result }) => `${where}: ${result.error?.issues[0]?.message}`);
      expect(failures).toEqual([]);
    });
  }
});

describe('the logs/tail example stream', () => {
  const media =
    spec['paths']['/api/v1/logs/tail'].get.responses['200'].content['text/event-stream'];
  const frames = (media.example as string).split('\n\n').filter((frame) => frame.trim() !== '');

  it('frames each entry as event: log, id: and one data: line holding a LogEntry', () => {
    const entries = frames.filter((frame) => !frame.startsWith(':'));
    expect(entries).toHaveLength(1);
    const fields = Object.fromEntries(
      entries[0]!
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
    );
    expect(fields['event']).toBe('log');
    const entry = zod.zLogEntry.parse(JSON.parse(fields['data']!));
    expect(fields['id']).toBe(entry.id);
  });

  it('shows a keep-alive comment frame', () => {
    expect(frames.filter((frame) => frame.startsWith(':'))).toEqual([': keep-alive']);
  });
});
