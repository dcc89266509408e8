import { createHmac, createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { CryptoBackend } from './crypto-backend';

// A KeyObject per secret spares re-encoding the secret on every delivery. Bounded like
// the Web Crypto build's cache: past 16 secrets it starts over.
const MAX_CACHED_KEYS = 16;
const keyCache = new Map<string, KeyObject>();

function hmacKey(secret: string): KeyObject {
  let key = keyCache.get(secret);
  if (!key) {
    if (keyCache.size >= MAX_CACHED_KEYS) keyCache.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keyCache.set(secret, key);
  }
  return key;
}

/** HMAC through node:crypto, which is several times faster in Node than Web Crypto. */
export const nodeCrypto: CryptoBackend = {
  sign(secret, prefix, payload) {
    // Two updates hash the prefix and body without building a joined copy of the body.
    return createHmac('sha256', hmacKey(secret)).update(prefix).update(payload).digest('hex');
  },
};
