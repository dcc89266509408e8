import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/server';
import type { MockServer } from '../../src/mock/server';

const API_KEY = 'pk_test_server0123456789';
const SERVER = { name: 'web-1', plan: 'shared-2', region: 'us-east' };

describe('standalone server over real HTTP', () => {
  let server: MockServer;
  const auth = { authorization: `Bearer ${API_KEY}` };

  beforeAll(async () => {
    server = await startMockServer({ port: 0, apiKey: API_KEY, seed: 'demo' });
  });
  afterAll(() => server.close());

  it('listens on an ephemeral loopback port and pages the demo world', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.apiKey).toBe(API_KEY);
    const response = await fetch(`${server.url}/api/v1/servers?limit=50`, { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit')).toBe('1000');
    const body = await response.json();
    expect(body.data).toHaveLength(50);
    expect(body.meta.next_cursor).toEqual(expect.any(String));
  });

  it('answers a CORS preflight and exposes the rate-limit headers', async () => {
    const preflight = await fetch(`${server.url}/api/v1/servers`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const answer = await fetch(`${server.url}/api/v1/servers`, {
      headers: { ...auth, origin: 'http://localhost:5173' },
    });
    const exposed = answer.headers.get('access-control-expose-headers') ?? '';
    for (const name of ['X-RateLimit-Limit', 'X-RateLimit-Reset', 'Retry-After', 'X-Request-Id']) {
      expect(exposed).toContain(name);
    }
  });

  it('gives unknown routes and huge bodies its own error envelope', async () => {
    const unknown = await fetch(`${server.url}/favicon.ico`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('route_not_found');
    const huge = await fetch(`${server.url}/api/v1/servers`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ ...SERVER, padding: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('payload_too_large');
  });

  it('streams the log tail as server-sent events while resources change', async () => {
    const tail = await fetch(`${server.url}/api/v1/logs/tail?resource_kind=server`, {
      headers: auth,
    });
    expect(tail.headers.get('content-type')).toBe('text/event-stream');
    const created = await fetch(`${server.url}/api/v1/servers`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(SERVER),
    });
    const { data } = await created.json();
    const reader = tail.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes(data.id)) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain('event: log');
  });

  it('answers TRACE, which fetch cannot carry, with 405 rather than a 500', async () => {
    const url = new URL(server.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method: 'TRACE', path: '/api/v1/servers' },
        (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.body).error.code).toBe('method_not_allowed');
  });

  it('drops the connection when a fault asks for it', async () => {
    const handle = server.mock.faults.add({ path: '/api/v1/events', dropConnection: true });
    await expect(fetch(`${server.url}/api/v1/events`, { headers: auth })).rejects.toThrow();
    handle.remove();
    expect((await fetch(`${server.url}/api/v1/events`, { headers: auth })).status).toBe(200);
  });
});

describe('state file', () => {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'puchify-mock-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('keeps the world across a restart and leaves no temporary files', async () => {
    const stateFile = join(directory, 'world.json');
    const first = await startMockServer({ port: 0, apiKey: API_KEY, stateFile });
    const created = await fetch(`${first.url}/api/v1/servers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(SERVER),
    });
    const { data } = await created.json();
    await first.close();

    const saved = JSON.parse(await readFile(stateFile, 'utf8'));
    expect(JSON.stringify(saved)).not.toContain(API_KEY);
    expect(await readdir(directory)).toEqual(['world.json']);

    const second = await startMockServer({ port: 0, apiKey: API_KEY, stateFile });
    const got = await fetch(`${second.url}/api/v1/servers/${data.id}`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(got.status).toBe(200);
    expect((await got.json()).data.name).toBe('web-1');
    expect(second.mock.store.apiKeys.size).toBe(1);
    await second.close();
  });
});
