import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CryptoBackend } from './crypto-backend';

/** HMAC and comparison through node:crypto, which is several times faster in Node. */
export const nodeCrypto: CryptoBackend = {
  hmacSha256(secret, prefix, payload) {
    // Two updates hash the prefix and body without building a joined copy of the body.
    return createHmac('sha256', secret).update(prefix).update(payload).digest('hex');
  },

  timingSafeEqual(expected, actual) {
    // node's timingSafeEqual throws on different lengths. Compare against a buffer of
    // the expected length either way, and fold the length check into the result.
    const want = Buffer.from(expected);
    const got = Buffer.from(actual);
    const same = timingSafeEqual(want, got.length === want.length ? got : want);
    return same && got.length === want.length;
  },
};
