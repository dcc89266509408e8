const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Returns `length` random base62 characters from the platform's CSPRNG.
 *
 * Bytes of 248 and above are skipped so every character is equally likely;
 * a plain `byte % 62` would favour the first eight characters.
 */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** Returns a new identifier such as `svr_8fK2mQ0aLr1xT9bZ`. */
export function newId(prefix: string, length = 16): string {
  return `${prefix}${randomBase62(length)}`;
}

/** Hex SHA-256 of a string, through Web Crypto so the same code runs in browsers. */
export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
