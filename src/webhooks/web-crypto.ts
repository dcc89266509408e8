import type { CryptoBackend } from './crypto-backend';

// Importing a key costs about as much as signing a small body, so each secret's key is
// imported once. A handful of entries covers rotation and several endpoints; the map is
// bounded so that a process handling many tenants does not grow without end.
const MAX_CACHED_KEYS = 16;
const keyCache = new Map<string, Promise<CryptoKey>>();
const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const subtleCrypto = globalThis.crypto?.subtle;
  if (subtleCrypto === undefined) {
    throw new Error(
      'Web Crypto (crypto.subtle) is not available in this runtime. Browsers offer it ' +
        'only in secure contexts (https or localhost); Node needs version 20 or later.',
    );
  }
  return subtleCrypto;
}

function hmacKey(secret: string): Promise<CryptoKey> {
  const cached = keyCache.get(secret);
  if (cached !== undefined) {
    // Re-inserting moves the entry to the end, so eviction drops the least recent.
    keyCache.delete(secret);
    keyCache.set(secret, cached);
    return cached;
  }
  const algorithm = { name: 'HMAC', hash: 'SHA-256' };
  const key = subtle().importKey('raw', encoder.encode(secret), algorithm, false, ['sign']);
  // A failed import must not stay cached, or every later call would fail the same way.
  key.catch(() => keyCache.delete(secret));
  keyCache.set(secret, key);
  if (keyCache.size > MAX_CACHED_KEYS) keyCache.delete(keyCache.keys().next().value as string);
  return key;
}

function signedBytes(prefix: string, payload: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof payload === 'string') return encoder.encode(prefix + payload);
  const bytes = new Uint8Array(prefix.length + payload.length);
  // The prefix is "<digits>." so each character is one ASCII byte.
  for (let i = 0; i < prefix.length; i++) bytes[i] = prefix.charCodeAt(i);
  bytes.set(payload, prefix.length);
  return bytes;
}

/** HMAC and comparison through `crypto.subtle`, for browsers, Deno, Bun and edge workers. */
export const webCrypto: CryptoBackend = {
  async hmacSha256(secret, prefix, payload) {
    const key = await hmacKey(secret);
    return new Uint8Array(await subtle().sign('HMAC', key, signedBytes(prefix, payload)));
  },

  timingSafeEqual(expected, actual) {
    // Compare against a buffer of the expected length either way, and fold the length
    // difference into the result instead of returning early.
    const other = actual.length === expected.length ? actual : expected;
    let diff = expected.length ^ actual.length;
    for (let i = 0; i < expected.length; i++) diff |= expected[i]! ^ other[i]!;
    return diff === 0;
  },
};
