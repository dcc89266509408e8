import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
});

// Each test loads its own copy of the module, so it starts with an empty key cache.
async function freshWebCrypto() {
  vi.resetModules();
  const { webCrypto } = await import('../../src/webhooks/web-crypto');
  return webCrypto;
}

describe('webCrypto key cache', () => {
  it('imports the key for a secret once and reuses it', async () => {
    const webCrypto = await freshWebCrypto();
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    await webCrypto.sign('whsec_cache_once', '1.', 'a');
    await webCrypto.sign('whsec_cache_once', '2.', 'b');
    await Promise.all([1, 2, 3].map((i) => webCrypto.sign('whsec_cache_once', `${i}.`, '')));
    expect(importKey).toHaveBeenCalledTimes(1);
  });

  it('holds at most 16 keys, starting over when a 17th secret arrives', async () => {
    const webCrypto = await freshWebCrypto();
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    const secrets = Array.from({ length: 17 }, (_, i) => `whsec_cache_bound_${i}`);
    for (const secret of secrets.slice(0, 16)) await webCrypto.sign(secret, '1.', '');
    for (const secret of secrets.slice(0, 16)) await webCrypto.sign(secret, '2.', '');
    expect(importKey).toHaveBeenCalledTimes(16);

    await webCrypto.sign(secrets[16]!, '1.', '');
    await webCrypto.sign(secrets[16]!, '2.', '');
    expect(importKey).toHaveBeenCalledTimes(17);
    await webCrypto.sign(secrets[0]!, '1.', '');
    expect(importKey).toHaveBeenCalledTimes(18);
  });
});

describe('webCrypto hex output', () => {
  it("uses the runtime's native Uint8Array toHex where there is one, with the same result", async () => {
    const webCrypto = await freshWebCrypto();
    const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    const proto = Uint8Array.prototype as Uint8Array & { toHex?: () => string };
    const native = proto.toHex;
    const toHex = vi.fn(function (this: Uint8Array) {
      return Buffer.from(this).toString('hex');
    });
    proto.toHex = toHex;
    try {
      expect(await webCrypto.sign('Jefe', 'what do ya ', 'want for nothing?')).toBe(expected);
      expect(toHex).toHaveBeenCalledTimes(1);
    } finally {
      if (native) proto.toHex = native;
      else delete proto.toHex;
    }
    // Without it, the same digits come from the fallback.
    expect(await webCrypto.sign('Jefe', 'what do ya ', 'want for nothing?')).toBe(expected);
  });
});
