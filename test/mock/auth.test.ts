import { describe, expect, it } from 'vitest';
import { KeyRing, generateApiKey, readSessionCookie } from '../../src/mock/auth';
import { createMock } from '../../src/mock/create-mock';

describe('KeyRing', () => {
  it('verifies a stored key, caches it, and refuses it once revoked', async () => {
    const ring = new KeyRing();
    const secret = generateApiKey();
    const credential = ring.add('key_1', secret);
    expect(credential.hash).not.toContain(secret);
    expect(JSON.stringify(ring.credentials())).not.toContain(secret);
    expect(await ring.verifyBearer(secret)).toEqual({ credentialId: 'key_1', scheme: 'bearer' });
    expect(await ring.verifyBearer(secret)).toEqual({ credentialId: 'key_1', scheme: 'bearer' });
    expect(await ring.verifyBearer(`${secret}x`)).toBeUndefined();
    ring.revoke('key_1');
    expect(await ring.verifyBearer(secret)).toBeUndefined();
  });

  it('opens browser sessions read from the Cookie header', async () => {
    const ring = new KeyRing();
    ring.add('key_1', generateApiKey());
    const token = ring.openSession('key_1');
    const cookie = readSessionCookie(`a=b; puchify_session=${token}; c=d`);
    expect(cookie).toBe(token);
    expect(await ring.verifySession(token)).toEqual({ credentialId: 'key_1', scheme: 'session' });
    expect(await ring.verifySession('sess_other')).toBeUndefined();
  });

  it('refuses keys without the pk_ prefix', () => {
    expect(() => new KeyRing().add('key_1', 'sk_live_1234567890')).toThrow(TypeError);
  });
});

describe('session cookie', () => {
  it('reads a malformed percent escape as no session', () => {
    expect(readSessionCookie('puchify_session=%E0%A4%A')).toBeUndefined();
    expect(readSessionCookie('puchify_session=sess%5Fabc')).toBe('sess_abc');
  });

  it('answers 401 unauthorized, not 500, to a cookie with a malformed escape', async () => {
    const bugs: unknown[] = [];
    const mock = createMock({ clock: 'manual', onUnexpectedError: (error) => bugs.push(error) });
    const response = await mock.fetch(
      new Request(`${mock.baseUrl}/api/v1/servers`, {
        headers: { cookie: 'puchify_session=%E0%A4%A' },
      }),
    );
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
    expect(bugs).toEqual([]);
    mock.close();
  });
});
