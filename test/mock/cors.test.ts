import { afterEach, describe, expect, it } from 'vitest';
import { createMock } from '../../src/mock/create-mock';
import { isLoopbackOrigin } from '../../src/mock/loopback';

const mock = createMock({ clock: 'manual' });
afterEach(() => mock.reset());

const send = (method: string, path: string, headers: Record<string, string>) =>
  mock.fetch(new Request(`${mock.baseUrl}${path}`, { method, headers }));

describe('CORS', () => {
  it('echoes a loopback origin with credentials, on answers and preflights', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'https://[::1]:8443']) {
      for (const method of ['GET', 'OPTIONS']) {
        const response = await send(method, '/api/v1/servers', {
          origin,
          authorization: `Bearer ${mock.apiKey}`,
        });
        expect(response.headers.get('access-control-allow-origin'), origin).toBe(origin);
        expect(response.headers.get('access-control-allow-credentials')).toBe('true');
        expect(response.headers.get('vary')).toBe('Origin');
      }
    }
  });

  it('answers any other origin with "*" and without credentials', async () => {
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null']) {
      for (const method of ['GET', 'OPTIONS']) {
        const response = await send(method, '/api/v1/servers', {
          origin,
          authorization: `Bearer ${mock.apiKey}`,
        });
        expect(response.headers.get('access-control-allow-origin'), origin).toBe('*');
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
        expect(response.headers.get('vary')).toBe('Origin');
      }
    }
  });

  it('refuses the session cookie from a foreign origin with 403 and creates no key', async () => {
    const keysBefore = mock.store.apiKeys.size;
    const response = await mock.fetch(
      new Request(`${mock.baseUrl}/api/v1/api-keys`, {
        method: 'POST',
        headers: {
          origin: 'https://evil.example',
          cookie: mock.sessionCookie,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'stolen' }),
      }),
    );
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message).toBe(
      'The session cookie is accepted only from pages on this machine (localhost, 127.0.0.1, ' +
        '[::1]); the request came from https://evil.example. ' +
        'From other origins, send "Authorization: Bearer <API key>".',
    );
    expect(JSON.stringify(body)).not.toContain('pk_');
    expect(mock.store.apiKeys.size).toBe(keysBefore);
  });

  it('accepts the session cookie from a loopback origin and without an Origin', async () => {
    for (const headers of [{ origin: 'http://localhost:5173' }, {}]) {
      const response = await send('GET', '/api/v1/servers', {
        ...headers,
        cookie: mock.sessionCookie,
      });
      expect(response.status).toBe(200);
    }
  });

  it('reads origins strictly: scheme, host and nothing else', () => {
    expect(isLoopbackOrigin('http://127.8.9.10')).toBe(true);
    expect(isLoopbackOrigin('file://')).toBe(false);
    expect(isLoopbackOrigin('chrome-extension://localhost')).toBe(false);
    expect(isLoopbackOrigin('not an origin')).toBe(false);
  });
});
