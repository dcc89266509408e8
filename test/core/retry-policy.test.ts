import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffDelayMs,
  isRetryable,
  type AttemptFailure,
} from '../../src/core/retry-policy';

const status = (code: number): AttemptFailure => ({ kind: 'status', status: code });
const network: AttemptFailure = { kind: 'network' };

describe('isRetryable', () => {
  it.each(['GET', 'POST', 'PATCH', 'DELETE'])('retries 429 for %s, even without a key', (m) => {
    expect(isRetryable(m, status(429), false)).toBe(true);
  });

  it.each(['GET', 'PATCH', 'DELETE'])('retries 5xx, 408 and network failures for %s', (m) => {
    for (const failure of [status(500), status(502), status(503), status(408), network]) {
      expect(isRetryable(m, failure, false)).toBe(true);
    }
  });

  it('retries 5xx, 408 and network failures for POST only with an Idempotency-Key', () => {
    for (const failure of [status(500), status(503), status(408), network]) {
      expect(isRetryable('POST', failure, false)).toBe(false);
      expect(isRetryable('POST', failure, true)).toBe(true);
    }
  });

  it.each([400, 401, 403, 404, 405, 409, 413, 415, 422])('never retries %i', (code) => {
    for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
      expect(isRetryable(method, status(code), true)).toBe(false);
    }
  });
});

describe('backoffDelayMs', () => {
  it('doubles per retry, jittered within the upper half', () => {
    expect(backoffDelayMs(1, () => 0)).toBe(250);
    expect(backoffDelayMs(1, () => 1)).toBe(500);
    expect(backoffDelayMs(2, () => 0)).toBe(500);
    expect(backoffDelayMs(2, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, () => 0.5)).toBe(1500);
  });

  it('never exceeds the cap however many retries', () => {
    expect(backoffDelayMs(10, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelayMs(10, () => 0)).toBe(BACKOFF_CAP_MS / 2);
  });

  it('uses Math.random by default and stays in range', () => {
    const delay = backoffDelayMs(1);
    expect(delay).toBeGreaterThanOrEqual(250);
    expect(delay).toBeLessThanOrEqual(500);
  });
});
