import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256HexPortable } from '../../src/mock/sha256';

describe('sha256HexPortable', () => {
  it('matches node:crypto across block boundaries and multi-byte characters', () => {
    expect(sha256HexPortable('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    for (const value of ['', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'clé€😀'.repeat(40)]) {
      expect(sha256HexPortable(value), `${value.length} chars`).toBe(
        createHash('sha256').update(value).digest('hex'),
      );
    }
  });
});
