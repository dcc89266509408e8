/**
 * The primitives that differ between the Web Crypto build and the node:crypto build.
 * Everything else (parsing, tolerance, messages) is shared, so both builds behave alike.
 * Signatures travel as lower-case hex, the form the `v1=` scheme carries.
 */
export interface CryptoBackend {
  /**
   * Lower-case hex HMAC-SHA256 keyed with the UTF-8 bytes of `secret`, over the ASCII
   * `prefix` followed by the payload (a string is taken as UTF-8). Used for signing.
   */
  sign(secret: string, prefix: string, payload: string | Uint8Array): string | Promise<string>;
  /**
   * True when one of `signatures` is exactly that HMAC in lower-case hex; no other
   * spelling (upper case, another length, look-alike characters) matches. Every
   * signature is checked, and how long a check takes does not depend on where a
   * signature of the right form differs from the HMAC.
   */
  verify(
    secret: string,
    prefix: string,
    payload: string | Uint8Array,
    signatures: readonly string[],
  ): boolean | Promise<boolean>;
}
