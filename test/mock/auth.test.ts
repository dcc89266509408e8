import { createHash } from 'node:crypto';
import { compareSync, hashSync } from 'bcryptjs';
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

describe('keys longer than bcrypt reads', () => {
  const long = `pk_${'a'.repeat(100)}`;
  const sharingFirst72 = `pk_${'a'.repeat(69)}WRONGWRONGWRONG`;

  it('counts every byte: a key sharing the first 72 bytes is refused', async () => {
    const ring = new KeyRing();
    const credential = ring.add('key_1', long);
    expect(credential.prehash).toBe('sha256');
    expect(compareSync(createHash('sha256').update(long).digest('hex'), credential.hash)).toBe(
      true,
    );
    expect(await ring.verifyBearer(sharingFirst72)).toBeUndefined();
    expect(ring.find(sharingFirst72)).toBeUndefined();
    expect(await ring.verifyBearer(long)).toEqual({ credentialId: 'key_1', scheme: 'bearer' });
    expect(ring.find(long)?.id).toBe('key_1');
  });

  it('answers 401 to the near-miss key of a mock created with a long key', async () => {
    const mock = createMock({ clock: 'manual', apiKey: long });
    const get = (key: string) =>
      mock.fetch(
        new Request(`${mock.baseUrl}/api/v1/servers`, {
          headers: { authorization: `Bearer ${key}` },
        }),
      );
    expect((await get(sharingFirst72)).status).toBe(401);
    expect((await get(long)).status).toBe(200);
    mock.close();
  });

  it('still verifies a short key stored by an older state file as bcrypt of the raw key', async () => {
    const ring = new KeyRing();
    const short = 'pk_test_legacy012345';
    ring.restore({
      id: 'key_old',
      prefix: short.slice(0, 12),
      hash: hashSync(short, 4),
      isRevoked: false,
    });
    expect(await ring.verifyBearer(short)).toEqual({ credentialId: 'key_old', scheme: 'bearer' });
    const legacyLong = new KeyRing();
    legacyLong.restore({
      id: 'key_old',
      prefix: long.slice(0, 12),
      hash: hashSync(long, 4),
      isRevoked: false,
    });
    expect(await legacyLong.verifyBearer(sharingFirst72)).toBeUndefined();
  });
});
