/**
 * The primitives that differ between the Web Crypto build and the node:crypto build.
 * Everything else (parsing, tolerance, messages) is shared, so both builds behave alike.
 * Signatures travel as lower-case hex, the form the `v1=` scheme carries, so that the
 * Node build can use its native hex encoder on the hot path.
 */
export interface CryptoBackend {
  /**
   * Lower-case hex HMAC-SHA256 keyed with the UTF-8 bytes of `secret`, over the ASCII
   * `prefix` followed by the payload (a string is taken as UTF-8).
   */
  hmacSha256(
    secret: string,
    prefix: string,
    payload: string | Uint8Array,
  ): string | Promise<string>;
  /**
   * True when both strings are exactly equal, for an `expected` in lower-case hex and
   * any `actual`: no character may pass for another. Takes the same time whatever the
   * contents, and when the lengths differ it still compares a full-length value, so
   * neither where the first difference lies nor the expected length leaks.
   */
  timingSafeEqual(expected: string, actual: string): boolean;
}
