import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/server';
import type { MockServer } from '../../src/mock/server';

const API_KEY = 'pk_test_serverinput0123';
const OVER_LIMIT = 'x'.repeat(1024 * 1024 + 10);

describe('standalone server: bodies over the limit', () => {
  let server: MockServer;
  let serverId = '';
  const auth = { authorization: `Bearer ${API_KEY}` };

  beforeAll(async () => {
    server = await startMockServer({ port: 0, apiKey: API_KEY });
    const created = await fetch(`${server.url}/api/v1/servers`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'web-1', plan: 'shared-2', region: 'us-east' }),
    });
    serverId = (await created.json()).data.id;
  });
  afterAll(() => server.close());

  it.each(['PATCH', 'DELETE', 'POST'])(
    'answers %s with a body over 1 MiB with 413 payload_too_large',
    async (method) => {
      const path = method === 'POST' ? '/api/v1/servers' : `/api/v1/servers/${serverId}`;
      const answer = await fetch(`${server.url}${path}`, {
        method,
        headers: { ...auth, 'content-type': 'application/json' },
        body: OVER_LIMIT,
      });
      expect(answer.status).toBe(413);
      const body = await answer.json();
      expect(body.error.code).toBe('payload_too_large');
      expect(body.error.message).toContain('1048576 bytes');
      expect(server.mock.store.servers.get(serverId)?.status).not.toBe('deleted');
    },
  );

  it('answers 413, not 401, to an oversized request with a session cookie', async () => {
    const answer = await fetch(`${server.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { cookie: server.mock.sessionCookie, 'content-type': 'application/json' },
      body: OVER_LIMIT,
    });
    expect(answer.status).toBe(413);
    expect((await answer.json()).error.code).toBe('payload_too_large');
  });
});

describe('standalone server: HEAD', () => {
  let server: MockServer;
  const auth = { authorization: `Bearer ${API_KEY}` };

  beforeAll(async () => {
    server = await startMockServer({ port: 0, apiKey: API_KEY, seed: 'demo' });
  });
  afterAll(() => server.close());

  it('answers HEAD like GET, with the same status and headers and no body', async () => {
    for (const path of ['/api/v1/servers?limit=2', '/api/v1/servers/svr_doesnotexist']) {
      const get = await fetch(`${server.url}${path}`, { headers: auth });
      await get.arrayBuffer();
      const head = await fetch(`${server.url}${path}`, { method: 'HEAD', headers: auth });
      expect(head.status, path).toBe(get.status);
      expect(head.headers.get('content-type')).toBe('application/json');
      expect(head.headers.get('x-ratelimit-limit')).toBe('1000');
      expect(await head.text()).toBe('');
    }
  });

  it('lists HEAD among the allowed methods of a 405', async () => {
    const answer = await fetch(`${server.url}/api/v1/servers`, { method: 'PUT', headers: auth });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});

describe('standalone server: dot segments', () => {
  let server: MockServer;

  beforeAll(async () => {
    server = await startMockServer({ port: 0, apiKey: API_KEY });
  });
  afterAll(() => server.close());

  const rawGet = (path: string) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const url = new URL(server.url);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path,
          headers: { authorization: `Bearer ${API_KEY}` },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });

  it.each([
    '/api/v1/servers/%2e%2e/api-keys',
    '/api/v1/servers/../api-keys',
    '/api/v1/servers/.%2E/api-keys',
    '/api/v1/servers/%2E/',
    '/api/v1/servers\\..\\api-keys',
  ])('refuses %s with 400 instead of serving another route', async (path) => {
    const answer = await rawGet(path);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_request');
    expect(answer.body.error.message).toContain('"." or ".." segment');
  });

  it('still reads dots inside a segment as part of it', async () => {
    const answer = await rawGet('/api/v1/servers/svr_a..b');
    expect(answer.status).toBe(422);
    expect(answer.body.error.details[0].field).toBe('id');
  });
});

describe('standalone server: long URLs', () => {
  let server: MockServer;
  const auth = { authorization: `Bearer ${API_KEY}` };

  beforeAll(async () => {
    server = await startMockServer({ port: 0, apiKey: API_KEY });
  });
  afterAll(() => server.close());

  it('answers a URL past the 8192 characters msw patterns match like any other', async () => {
    const id = `svr_${'a'.repeat(9000)}`;
    const answer = await fetch(`${server.url}/api/v1/servers/${id}`, { headers: auth });
    expect(answer.status).toBe(404);
    const body = await answer.json();
    expect(body.error.code).toBe('server_not_found');
    // The id comes back cut short, not 9,000 characters long.
    expect(body.error.message).toBe(`Server ${id.slice(0, 64)}... not found`);
  });
});
