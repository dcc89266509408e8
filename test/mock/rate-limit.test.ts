import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/mock/clock';
import { RateLimiter } from '../../src/mock/rate-limit';

describe('RateLimiter', () => {
  it('counts per identity and resets with the window', async () => {
    const clock = createManualClock(60_000 * 100);
    const limiter = new RateLimiter(clock, { limit: 2, windowMs: 60_000 });
    expect(limiter.take('a')).toMatchObject({ isAllowed: true, remaining: 1 });
    expect(limiter.take('a')).toMatchObject({ isAllowed: true, remaining: 0 });
    const refused = limiter.take('a');
    expect(refused).toMatchObject({ isAllowed: false, remaining: 0, retryAfterSeconds: 60 });
    expect(refused.resetSeconds).toBe(6_060);
    expect(limiter.take('b').isAllowed).toBe(true);
    await clock.advance(60_000);
    expect(limiter.take('a')).toMatchObject({ isAllowed: true, remaining: 1 });
  });
});
