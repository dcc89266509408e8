import { describe, expect, it } from 'vitest';
import { createMock } from '../../src/mock/create-mock';
import { MAX_BODY_BYTES } from '../../src/mock/request-body';
import { call, useMock } from './harness';

const world = useMock({ rateLimit: { limit: 5, windowMs: 60_000 } });
const SERVER = { name: 'web-1', plan: 'shared-2', region: 'us-east' };

describe('authentication', () => {
  it('refuses a request without credentials or with an unknown key', async () => {
    const mock = world();
    const none = await call(mock, 'GET', '/api/v1/servers', { auth: false });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    const bad = await call(mock, 'GET', '/api/v1/servers', {
      headers: { authorization: `Bearer ${mock.apiKey}x` },
    });
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).not.toContain(mock.apiKey);
  });

  it('accepts the session cookie of a browser', async () => {
    const mock = world();
    const answer = await call(mock, 'GET', '/api/v1/servers', {
      auth: false,
      headers: { cookie: `theme=dark; ${mock.sessionCookie}` },
    });
    expect(answer.status).toBe(200);
  });
});

describe('rate limit', () => {
  it('counts down on every answer and refuses with Retry-After when spent', async () => {
    const mock = world();
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await call(mock, 'GET', '/api/v1/servers');
      remaining.push(answer.headers.get('x-ratelimit-remaining')!);
      expect(answer.headers.get('x-ratelimit-limit')).toBe('5');
      expect(Number(answer.headers.get('x-ratelimit-reset'))).toBeGreaterThan(
        mock.clock.now() / 1000,
      );
      expect(answer.headers.get('date')).toBe(new Date(mock.clock.now()).toUTCString());
      expect(answer.headers.get('x-request-id')).toMatch(/^req_/);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const refused = await call(mock, 'GET', '/api/v1/servers');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    // When to retry is in Retry-After alone, so the client does not say it twice.
    expect(refused.body.error.message).toBe('The rate limit of 5 requests per window is used up.');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await mock.clock.advance(60_000);
    expect((await call(mock, 'GET', '/api/v1/servers')).status).toBe(200);
  });
});

describe('idempotency', () => {
  it('replays the first answer and refuses the same key with another body', async () => {
    const mock = createMock({ clock: 'manual' });
    const direct = { direct: true, headers: { 'idempotency-key': 'k-1' } };
    const first = await call(mock, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    const again = await call(mock, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(mock.store.servers.size).toBe(1);
    const other = await call(mock, 'POST', '/api/v1/servers', {
      ...direct,
      body: { ...SERVER, name: 'web-2' },
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    await mock.clock.advance(24 * 60 * 60 * 1000);
    const later = await call(mock, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    expect(later.body.data.id).not.toBe(first.body.data.id);
    mock.close();
  });
});

describe('malformed requests', () => {
  it('answers 400 for JSON that does not parse', async () => {
    const answer = await call(world(), 'POST', '/api/v1/servers', {
      raw: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_request');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const answer = await call(world(), 'POST', '/api/v1/servers', {
      raw: 'name=web-1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(415);
    expect(answer.body.error.code).toBe('unsupported_media_type');
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const answer = await call(world(), 'POST', '/api/v1/servers', {
      body: { ...SERVER, padding: 'x'.repeat(MAX_BODY_BYTES) },
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('payload_too_large');
  });

  it('answers 422 with field details for a bad body, query and path', async () => {
    const mock = world();
    const body = await call(mock, 'POST', '/api/v1/servers', { body: { name: 'x', nmae: 1 } });
    expect(body.status).toBe(422);
    const fields = body.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'plan', 'region', 'nmae']));
    const query = await call(mock, 'GET', '/api/v1/servers?limit=500&sort=size');
    expect(query.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'limit',
      'sort',
    ]);
    const path = await call(mock, 'GET', '/api/v1/servers/db_123');
    expect(path.status).toBe(422);
    expect(path.body.error.details[0].field).toBe('id');
    const empty = await call(mock, 'PATCH', '/api/v1/servers/svr_1', { body: {} });
    expect(empty.status).toBe(422);
  });

  it('answers 404 route_not_found and 405 with Allow', async () => {
    const mock = world();
    const unknown = await call(mock, 'GET', '/api/v2/anything');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('route_not_found');
    const wrong = await call(mock, 'PUT', '/api/v1/servers');
    expect(wrong.status).toBe(405);
    expect(wrong.body.error.code).toBe('method_not_allowed');
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('answers a cursor it did not issue with 422 on the cursor field', async () => {
    const answer = await call(world(), 'GET', '/api/v1/servers?cursor=bm9wZQ');
    expect(answer.status).toBe(422);
    expect(answer.body.error.details[0].field).toBe('cursor');
  });
});

describe('faults', () => {
  it('injects a status for a number of requests, then answers normally', async () => {
    const mock = world();
    const handle = mock.faults.add({
      method: 'GET',
      path: '/api/v1/servers',
      status: 503,
      times: 2,
    });
    expect((await call(mock, 'GET', '/api/v1/servers')).status).toBe(503);
    const second = await call(mock, 'GET', '/api/v1/servers');
    expect(second.body.error.code).toBe('provider_unavailable');
    expect(second.headers.get('retry-after')).toBe('1');
    expect(handle.remaining).toBe(0);
    expect((await call(mock, 'GET', '/api/v1/servers')).status).toBe(200);
  });

  it('reports a degraded provider in meta and drops connections', async () => {
    const mock = world();
    mock.faults.add({ path: '/api/v1/servers', provider: 'degraded', times: 1 });
    const degraded = await call(mock, 'GET', '/api/v1/servers');
    expect(degraded.body.meta.provider).toBe('degraded');
    mock.faults.add({ path: /servers$/, dropConnection: true, times: 1 });
    await expect(
      fetch(`${mock.baseUrl}/api/v1/servers`, {
        headers: { authorization: `Bearer ${mock.apiKey}` },
      }),
    ).rejects.toThrow(TypeError);
  });

  it('sends a 429 without Retry-After when retryAfterSeconds is null', async () => {
    const mock = world();
    mock.faults.add({ path: '/api/v1/servers', status: 429, retryAfterSeconds: null, times: 1 });
    const answer = await call(mock, 'GET', '/api/v1/servers');
    expect(answer.status).toBe(429);
    expect(answer.body.error.code).toBe('rate_limited');
    expect(answer.headers.has('retry-after')).toBe(false);
  });

  it('applies a create before dropping its answer when the fault strikes after', async () => {
    const mock = world();
    mock.faults.add({ path: '/api/v1/servers', dropConnection: true, when: 'after', times: 1 });
    const headers = {
      authorization: `Bearer ${mock.apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': 'after-1',
    };
    const init = { method: 'POST', headers, body: JSON.stringify(SERVER) };
    await expect(fetch(`${mock.baseUrl}/api/v1/servers`, init)).rejects.toThrow(TypeError);
    expect(mock.store.servers.size).toBe(1);
    // The retry under the same key gets the first answer, not a second server.
    const replay = await fetch(`${mock.baseUrl}/api/v1/servers`, init);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await replay.json()).data.id).toBe(mock.store.servers.values()[0]?.id);
    expect(mock.store.servers.size).toBe(1);
  });

  it('replaces the answer of an applied change by the status of an after fault', async () => {
    const mock = world();
    mock.faults.add({ method: 'POST', status: 502, when: 'after', provider: 'degraded' });
    const answer = await call(mock, 'POST', '/api/v1/servers', { body: SERVER });
    expect(answer.status).toBe(502);
    expect(answer.body.meta.provider).toBe('degraded');
    expect(mock.store.servers.size).toBe(1);
  });

  it('slows an answer down by delayMs of real time', async () => {
    const mock = world();
    mock.faults.add({ path: '/api/v1/servers', delayMs: 60, times: 1 });
    const started = performance.now();
    expect((await call(mock, 'GET', '/api/v1/servers')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe('fault answers', () => {
  it('carry the rate-limit headers like every other answer', async () => {
    const mock = world();
    mock.faults.add({ path: '/api/v1/servers', status: 429, retryAfterSeconds: 7, times: 1 });
    const answer = await call(mock, 'GET', '/api/v1/servers');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(answer.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
  });
});

describe('API key expiry', () => {
  it('refuses a key once its expires_at has passed', async () => {
    const mock = createMock({ clock: 'manual', startTime: Date.UTC(2026, 0, 1) });
    const created = await call(mock, 'POST', '/api/v1/api-keys', {
      direct: true,
      body: { name: 'short', expires_at: '2026-01-01T01:00:00Z' },
    });
    const headers = { authorization: `Bearer ${created.body.data.key}` };
    const before = await call(mock, 'GET', '/api/v1/servers', { direct: true, headers });
    expect(before.status).toBe(200);
    const used = await call(mock, 'GET', `/api/v1/api-keys/${created.body.data.id}`, {
      direct: true,
    });
    expect(used.body.data.last_used_at).toBe('2026-01-01T00:00:00.000Z');
    await mock.clock.advance(60 * 60 * 1000);
    const after = await call(mock, 'GET', '/api/v1/servers', { direct: true, headers });
    expect(after.status).toBe(401);
    mock.close();
  });
});

describe('CORS', () => {
  it('answers a preflight without credentials and exposes the rate-limit headers', async () => {
    const mock = world();
    const response = await fetch(`${mock.baseUrl}/api/v1/servers`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(response.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    const answer = await call(mock, 'GET', '/api/v1/servers', {
      headers: { origin: 'http://localhost:5173' },
    });
    expect(answer.headers.get('access-control-expose-headers')).toContain('X-RateLimit-Remaining');
    expect(answer.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });
});

describe('request body encoding', () => {
  it('answers 400 to a JSON body that is not valid UTF-8 and stores nothing', async () => {
    const mock = createMock({ clock: 'manual' });
    const json = new TextEncoder().encode('{"name":"web-1","plan":"shared-2","region":"us-east"}');
    const bad = new Uint8Array([...json.slice(0, 10), 0xff, 0xfe, ...json.slice(10)]);
    const response = await mock.fetch(
      new Request(`${mock.baseUrl}/api/v1/servers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${mock.apiKey}`, 'content-type': 'application/json' },
        body: bad,
      }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toEqual({
      code: 'invalid_request',
      message: 'The request body is not valid UTF-8. Encode the JSON as UTF-8.',
    });
    expect(mock.store.servers.size).toBe(0);
    mock.close();
  });
});
