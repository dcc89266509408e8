import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CryptoBackend } from './crypto-backend';

/** HMAC and comparison through node:crypto, which is several times faster in Node. */
export const nodeCrypto: CryptoBackend = {
  hmacSha256(secret, prefix, payload) {
    // Two updates hash the prefix and body without building a joined copy of the body.
    return createHmac('sha256', secret).update(prefix).update(payload).digest();
  },

  timingSafeEqual(expected, actual) {
    // node's timingSafeEqual throws on different lengths. Compare against a buffer of
    // the expected length either way, and fold the length check into the result.
    const other = actual.length === expected.length ? actual : expected;
    const same = timingSafeEqual(expected, other);
    return same && actual.length === expected.length;
  },
};
