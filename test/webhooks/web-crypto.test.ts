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
