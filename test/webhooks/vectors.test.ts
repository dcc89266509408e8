import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildVectors } from './vector-cases';
import type { SignatureVector } from './vector-cases';

const file = new URL('./vectors.json', import.meta.url);
const stored = JSON.parse(readFileSync(file, 'utf8')) as SignatureVector[];

describe('signature vectors', () => {
  it('vectors.json matches what vector-cases.ts builds (regenerate with tsx if not)', () => {
    expect(stored).toEqual(buildVectors());
  });

  it('covers every failure reason a header and body can cause, and valid cases', () => {
    const reasons = new Set(stored.map((v) => v.expected));
    expect([...reasons].sort()).toEqual([
      'malformed_header',
      'missing_header',
      'signature_mismatch',
      'timestamp_out_of_tolerance',
      'valid',
    ]);
  });
});
