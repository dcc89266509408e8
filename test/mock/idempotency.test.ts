import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/mock/clock';
import { createMock } from '../../src/mock/create-mock';
import {
  IdempotencyStore,
  IDEMPOTENCY_MAX_ENTRIES,
  IDEMPOTENCY_TTL_MS,
} from '../../src/mock/idempotency';

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

describe('IdempotencyStore bound', () => {
  it('forgets the oldest key first once it holds maxEntries keys', () => {
    const store = new IdempotencyStore(createManualClock(0), 3);
    const response = { status: 201, body: '{}', contentType: 'application/json' };
    for (const key of ['a', 'b', 'c', 'd']) store.save('k1', key, key, response);
    expect(store.size).toBe(3);
    expect(store.lookup('k1', 'a', 'a')).toEqual({ kind: 'miss' });
    expect(store.lookup('k1', 'd', 'd')).toEqual({ kind: 'replay', response });
    expect(store.lookup('k1', 'b', 'b')).toEqual({ kind: 'replay', response });
  });

  it('holds at most IDEMPOTENCY_MAX_ENTRIES keys by default', () => {
    const store = new IdempotencyStore(createManualClock(0));
    const response = { status: 201, body: '{}', contentType: 'application/json' };
    for (let i = 0; i < IDEMPOTENCY_MAX_ENTRIES + 5; i++)
      store.save('k1', `key-${i}`, '', response);
    expect(store.size).toBe(IDEMPOTENCY_MAX_ENTRIES);
    expect(IDEMPOTENCY_MAX_ENTRIES).toBe(10_000);
  });
});

describe('Idempotency-Key header', () => {
  const mock = createMock({ clock: 'manual' });
  const post = (key: string) =>
    mock.fetch(
      new Request(`${mock.baseUrl}/api/v1/api-keys`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${mock.apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({ name: 'ci' }),
      }),
    );

  it.each([
    [0, ''],
    [256, 'k'.repeat(256)],
    [5_000, 'k'.repeat(5_000)],
  ])('refuses a key of %i characters with 422 and runs nothing', async (length, key) => {
    const before = mock.store.apiKeys.size;
    const response = await post(key);
    expect(response.status).toBe(422);
    const message = `The Idempotency-Key has ${length} characters; send 1 to 255.`;
    expect((await response.json()).error).toEqual({
      code: 'validation_failed',
      message,
      details: [{ field: 'Idempotency-Key', message }],
    });
    expect(mock.store.apiKeys.size).toBe(before);
  });

  it('accepts a key of 255 characters', async () => {
    expect((await post('k'.repeat(255))).status).toBe(201);
    const replay = await post('k'.repeat(255));
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });
});
