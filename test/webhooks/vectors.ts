// The signature vectors as plain data plus the one helper needed to use them, with no
// Node import: the browser test imports this file and runs the same cases against the
// Web Crypto build in a real browser. vector-cases.ts writes vectors.json with
// node:crypto; vectors.test.ts fails when the file is stale.
import type { SignatureVector } from './vector-cases';
import vectorsJson from './vectors.json';

export type { SignatureVector };

/** Every vector, in a stable order. */
export const vectors = vectorsJson as SignatureVector[];

/** The body of a vector in the form the vector asks for: text, bytes or ArrayBuffer. */
export function vectorPayload(vector: SignatureVector): string | Uint8Array | ArrayBuffer {
  if (vector.bodyAs === 'string') return vector.body;
  const bytes = new TextEncoder().encode(vector.body);
  return vector.bodyAs === 'bytes' ? bytes : bytes.buffer;
}
