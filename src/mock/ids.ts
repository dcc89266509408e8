import { sha256HexPortable } from './sha256';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// Random bytes are drawn from the CSPRNG in blocks: one getRandomValues call
// per id cost more than the rest of a GET request in Node.
const pool = new Uint8Array(4096);
let poolIndex = pool.length;

const nextByte = (): number => {
  if (poolIndex === pool.length) {
    crypto.getRandomValues(pool);
    poolIndex = 0;
  }
  return pool[poolIndex++] as number;
};

/**
 * Returns `length` random base62 characters from the platform's CSPRNG.
 *
 * Bytes of 248 and above are skipped so every character is equally likely;
 * a plain `byte % 62` would favour the first eight characters.
 */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const byte = nextByte();
    if (byte < 248) out += BASE62[byte % 62];
  }
  return out;
}

/** Returns a new identifier such as `svr_8fK2mQ0aLr1xT9bZ`. */
export function newId(prefix: string, length = 16): string {
  return `${prefix}${randomBase62(length)}`;
}

type NodeCrypto = {
  createHash(algorithm: string): { update(value: string): { digest(encoding: 'hex'): string } };
};

// Node hashes synchronously through node:crypto, reached without an import
// statement so browser bundles never see it. Web Crypto's digest runs on the
// libuv thread pool in Node and adds a few hundred microseconds per request.
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/** Hex SHA-256 of a string, synchronously: node:crypto in Node, plain JavaScript elsewhere. */
export function sha256HexSync(value: string): string {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(value).digest('hex');
  return sha256HexPortable(value);
}

/** Hex SHA-256 of a string: node:crypto in Node, Web Crypto elsewhere. */
export async function sha256Hex(value: string): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(value).digest('hex');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
