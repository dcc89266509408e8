import type { CryptoBackend } from './crypto-backend';

// Importing a key costs about as much as signing a small body, so each secret's key is
// imported once. A handful of entries covers rotation and several endpoints; the map is
// bounded so that a process handling many tenants does not grow without end.
const MAX_CACHED_KEYS = 16;
const keyCache = new Map<string, Promise<CryptoKey>>();
const encoder = new TextEncoder();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    // Past the bound the cache starts over, which costs one import per secret in use.
    if (keyCache.size >= MAX_CACHED_KEYS) keyCache.clear();
    const algorithm = { name: 'HMAC', hash: 'SHA-256' };
    key = crypto.subtle.importKey('raw', encoder.encode(secret), algorithm, false, ['sign']);
    // An import only fails for an empty key, which toSecretList already refused.
    keyCache.set(secret, key);
  }
  return key;
}

function signedBytes(prefix: string, payload: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof payload === 'string') return encoder.encode(prefix + payload);
  const head = encoder.encode(prefix);
  const bytes = new Uint8Array(head.length + payload.length);
  bytes.set(head);
  bytes.set(payload, head.length);
  return bytes;
}

/**
 * HMAC through `crypto.subtle`, for browsers, Deno, Bun, edge workers and Node 20+.
 * Limitation: browsers offer `crypto.subtle` only in secure contexts (https, localhost);
 * on a plain http page verification fails with the runtime's TypeError about
 * `crypto.subtle` being undefined.
 */
export const webCrypto: CryptoBackend = {
  async sign(secret, prefix, payload) {
    const key = await hmacKey(secret);
    const mac: Uint8Array & { toHex?: () => string } = new Uint8Array(
      await crypto.subtle.sign('HMAC', key, signedBytes(prefix, payload)),
    );
    // Native where the runtime has it (recent browsers), several times faster there.
    // Elsewhere the 256 bit gives every byte three hex digits; the first is dropped.
    let hex = mac.toHex?.() ?? '';
    if (!hex) for (const byte of mac) hex += (byte | 256).toString(16).slice(1);
    return hex;
  },
};
