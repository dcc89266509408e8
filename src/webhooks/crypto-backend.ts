/**
 * The primitive that differs between the Web Crypto build and the node:crypto build.
 * Everything else (parsing, comparison, tolerance, messages) is shared, so both builds
 * behave alike. Signatures travel as lower-case hex, the form the `v1=` scheme carries.
 */
export interface CryptoBackend {
  /**
   * Lower-case hex HMAC-SHA256 keyed with the UTF-8 bytes of `secret`, over the ASCII
   * `prefix` followed by the payload (a string is taken as UTF-8).
   */
  sign(secret: string, prefix: string, payload: string | Uint8Array): string | Promise<string>;
}

/**
 * True when one of `signatures` is exactly `expected`, a lower-case hex HMAC; no other
 * spelling (upper case, another length, look-alike characters) matches. Every
 * signature is compared over the full expected length with no branch on the contents,
 * and a length difference is folded into the result rather than returned early, so
 * the time taken says nothing about where a signature differs. Whole UTF-16 codes are
 * compared, so no character passes for another that shares its low byte ("İ" for "0").
 */
export function matchesAny(expected: string, signatures: readonly string[]): boolean {
  let matched = false;
  for (const signature of signatures) {
    let diff = expected.length ^ signature.length;
    // Past the end of a shorter signature charCodeAt gives NaN, which `^` reads as 0.
    for (let i = 0; i < expected.length; i++) {
      diff |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
    }
    matched = !diff || matched;
  }
  return matched;
}
