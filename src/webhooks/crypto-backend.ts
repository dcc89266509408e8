/**
 * The primitives that differ between the Web Crypto build and the node:crypto build.
 * Everything else (parsing, tolerance, messages) is shared, so both builds behave alike.
 */
export interface CryptoBackend {
  /**
   * HMAC-SHA256 keyed with the UTF-8 bytes of `secret`, over the ASCII `prefix`
   * followed by the payload (a string is taken as UTF-8).
   */
  hmacSha256(
    secret: string,
    prefix: string,
    payload: string | Uint8Array,
  ): Uint8Array | Promise<Uint8Array>;
  /**
   * True when both arrays hold the same bytes. Takes the same time whatever the
   * contents, and when the lengths differ it still compares a full-length buffer, so
   * neither where the first difference lies nor the expected length leaks.
   */
  timingSafeEqual(expected: Uint8Array, actual: Uint8Array): boolean;
}

/** Lower-case hex of the bytes, as the `v1=` scheme carries it. */
export function encodeHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += (byte < 16 ? '0' : '') + byte.toString(16);
  return hex;
}

/**
 * Decodes hex (either case). Anything that is not an even run of hex digits decodes to
 * an empty array, which then simply fails to match: the decision depends only on what
 * the sender wrote, never on the secret.
 */
export function decodeHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[\da-f]*$/i.test(hex)) return new Uint8Array(0);
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
