import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/mock/clock';
import { IdempotencyStore, IDEMPOTENCY_TTL_MS } from '../../src/mock/idempotency';

describe('IdempotencyStore', () => {
  it('replays, refuses another body, and forgets after 24 hours', async () => {
    const clock = createManualClock(0);
    const store = new IdempotencyStore(clock);
    const response = { status: 201, body: '{}', contentType: 'application/json' };
    expect(store.lookup('k1', 'idem', 'A')).toEqual({ kind: 'miss' });
    store.save('k1', 'idem', 'A', response);
    expect(store.lookup('k1', 'idem', 'A')).toEqual({ kind: 'replay', response });
    expect(store.lookup('k1', 'idem', 'B')).toEqual({ kind: 'conflict' });
    expect(store.lookup('k2', 'idem', 'B')).toEqual({ kind: 'miss' });
    await clock.advance(IDEMPOTENCY_TTL_MS);
    expect(store.lookup('k1', 'idem', 'B')).toEqual({ kind: 'miss' });
  });
});
