import { describe, expect, it } from 'vitest';
import { serializeBody } from '../../src/core/json-body';

const POST = { method: 'POST', path: '/api/v1/kubernetes-clusters' };

function refusal(body: unknown): unknown {
  try {
    serializeBody(POST, body);
  } catch (error) {
    return error;
  }
  return undefined;
}

/** `{ a: { a: ... } }`, `levels` deep: deep enough to overflow a naive recursive walk. */
function deeplyNested(levels: number): object {
  let body: object = {};
  for (let i = 0; i < levels; i++) body = { a: body };
  return body;
}

describe('serializeBody', () => {
  it('serialises a plain body exactly like JSON.stringify', () => {
    const body = { name: 'k', node_pools: [{ count: 3, labels: { a: 'b' } }], at: new Date(0) };
    expect(serializeBody(POST, body)).toBe(JSON.stringify(body));
  });

  it.each([
    [{ node_count: Number.NaN }, 'body.node_count is NaN'],
    [{ node_count: Number.POSITIVE_INFINITY }, 'body.node_count is Infinity'],
    [{ node_pools: [{ count: 1 }, { count: -Infinity }] }, 'body.node_pools[1].count is -Infinity'],
    [{ size: 10n }, 'body.size is a BigInt'],
    [Number.NaN, 'body is NaN'],
    [{ at: new Date('garbage') }, 'body.at is an invalid Date'],
    [{ labels: new Map([['a', 'b']]) }, 'body.labels is a Map'],
    [{ tags: [new Set(['a'])] }, 'body.tags[0] is a Set'],
    [{ toJSON: 5, n: Number.NaN }, 'body.n is NaN'],
    [{ size: { toJSON: () => Number.NaN } }, 'body.size is NaN'],
    [{ size: { toJSON: () => ({ bytes: 1n }) } }, 'body.size.bytes is a BigInt'],
    // JSON would drop these from an object and send null in an array, without a word.
    [{ image: Symbol('debian-12') }, 'body.image is a symbol'],
    [{ image: () => 'debian-12' }, 'body.image is a function'],
    [{ tags: ['a', Symbol('b')] }, 'body.tags[1] is a symbol'],
    [deeplyNested(20_000), 'the body nests more than 1000 levels deep'],
  ])('refuses %o with a TypeError naming the path', (body, found) => {
    const error = refusal(body);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(
      `The body of POST /api/v1/kubernetes-clusters cannot be sent: ${found}, which JSON ` +
        'cannot carry.',
    );
  });

  it('passes each toJSON the key JSON.stringify gives it, and checks nothing behind a valid Date', () => {
    const keys: string[] = [];
    const body = { a: { toJSON: (key: string) => (keys.push(key), 1) }, at: new Date(0) };
    expect(serializeBody(POST, body)).toBe('{"a":1,"at":"1970-01-01T00:00:00.000Z"}');
    expect(keys).toEqual(['a', 'a']);
  });

  it('refuses a cycle, naming the property that closes it', () => {
    const pool: Record<string, unknown> = { count: 1 };
    pool['cluster'] = { node_pools: [pool] };
    const error = refusal({ node_pools: [pool] });
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(
      'body.node_pools[0].cluster.node_pools[0] refers back to an object that contains it,',
    );
  });

  it('allows the same object twice when it is not its own ancestor', () => {
    const labels = { team: 'a' };
    expect(serializeBody(POST, { a: labels, b: labels })).toBe(
      '{"a":{"team":"a"},"b":{"team":"a"}}',
    );
  });

  it('passes the error of a throwing toJSON through as it was thrown', () => {
    const own = new Error('no');
    expect(
      refusal({
        x: {
          toJSON: () => {
            throw own;
          },
        },
      }),
    ).toBe(own);
  });
});
