import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleDeliveryOnce, MemoryDeliveryStore } from '../../src/webhooks/dedupe';
import type { DeliveryStore } from '../../src/webhooks/dedupe';

afterEach(() => {
  vi.useRealTimers();
});

describe('MemoryDeliveryStore', () => {
  it('reports the first add of an id as new and later adds as duplicates', () => {
    const store = new MemoryDeliveryStore();
    expect(store.add('del_1')).toBe(true);
    expect(store.add('del_1')).toBe(false);
    expect(store.add('del_2')).toBe(true);
  });

  it('forgets an id after ttlMs, and not before', () => {
    vi.useFakeTimers({ now: 0 });
    const store = new MemoryDeliveryStore({ ttlMs: 1000 });
    store.add('del_1');
    vi.advanceTimersByTime(999);
    expect(store.add('del_1')).toBe(false);
    vi.advanceTimersByTime(1);
    expect(store.add('del_1')).toBe(true);
  });

  it('remembers ids for 25 hours by default, covering the 24-hour retry window', () => {
    vi.useFakeTimers({ now: 0 });
    const store = new MemoryDeliveryStore();
    store.add('del_1');
    vi.advanceTimersByTime(25 * 3600_000 - 1);
    expect(store.add('del_1')).toBe(false);
    vi.advanceTimersByTime(1);
    expect(store.add('del_1')).toBe(true);
  });

  it('holds at most maxEntries ids, forgetting the oldest first', () => {
    const store = new MemoryDeliveryStore({ maxEntries: 3 });
    for (const id of ['del_1', 'del_2', 'del_3', 'del_4']) expect(store.add(id)).toBe(true);
    expect(store.add('del_4')).toBe(false);
    expect(store.add('del_3')).toBe(false);
    expect(store.add('del_1')).toBe(true);
  });

  it('reports a duplicate of the oldest id in a full store, and keeps every id held', () => {
    const store = new MemoryDeliveryStore({ maxEntries: 3 });
    for (const id of ['del_1', 'del_2', 'del_3']) store.add(id);
    expect(store.add('del_1')).toBe(false);
    expect(store.add('del_2')).toBe(false);
    expect(store.add('del_3')).toBe(false);
  });

  it('drops duplicates with maxEntries 1', () => {
    const store = new MemoryDeliveryStore({ maxEntries: 1 });
    expect(store.add('del_1')).toBe(true);
    expect(store.add('del_1')).toBe(false);
    expect(store.add('del_2')).toBe(true);
    expect(store.add('del_1')).toBe(true);
  });

  it('forgets an id on delete', () => {
    const store = new MemoryDeliveryStore();
    store.add('del_1');
    store.delete('del_1');
    expect(store.add('del_1')).toBe(true);
  });
});

describe('handleDeliveryOnce', () => {
  it('runs the handler for a new delivery and returns its result', async () => {
    const store = new MemoryDeliveryStore();
    await expect(handleDeliveryOnce(store, 'del_1', () => 'handled')).resolves.toEqual({
      duplicate: false,
      result: 'handled',
    });
  });

  it('skips the handler for a delivery it has seen', async () => {
    const store = new MemoryDeliveryStore();
    const handler = vi.fn(async () => 1);
    await handleDeliveryOnce(store, 'del_1', handler);
    await expect(handleDeliveryOnce(store, 'del_1', handler)).resolves.toEqual({ duplicate: true });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('runs the handler once when two attempts of a delivery arrive together', async () => {
    const store = new MemoryDeliveryStore();
    const handler = vi.fn(() => new Promise((resolve) => setTimeout(resolve, 0)));
    const outcomes = await Promise.all([
      handleDeliveryOnce(store, 'del_1', handler),
      handleDeliveryOnce(store, 'del_1', handler),
    ]);
    expect(outcomes.map((o) => o.duplicate).sort()).toEqual([false, true]);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('forgets the delivery when the handler throws, so the retry is handled', async () => {
    const store = new MemoryDeliveryStore();
    await expect(
      handleDeliveryOnce(store, 'del_1', () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
    await expect(handleDeliveryOnce(store, 'del_1', () => 'second try')).resolves.toEqual({
      duplicate: false,
      result: 'second try',
    });
  });

  it('uses a given asynchronous store', async () => {
    const seen = new Set<string>();
    const store: DeliveryStore = {
      add: async (id) => !seen.has(id) && Boolean(seen.add(id)),
      delete: async (id) => void seen.delete(id),
    };
    await handleDeliveryOnce(store, 'del_9', () => undefined);
    expect(seen.has('del_9')).toBe(true);
    await expect(handleDeliveryOnce(store, 'del_9', () => undefined)).resolves.toEqual({
      duplicate: true,
    });
  });

  it('counts only false from a store as a duplicate, so a store that returns nothing drops nothing', async () => {
    const store = { add: async () => undefined, delete: () => undefined };
    const handler = vi.fn(() => 'handled');
    const outcome = await handleDeliveryOnce(store as unknown as DeliveryStore, 'del_1', handler);
    expect(outcome).toEqual({ duplicate: false, result: 'handled' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it.each([[undefined], [null], ['']])(
    'refuses a missing delivery id (%o) with a TypeError',
    async (id) => {
      const handler = vi.fn();
      const run = handleDeliveryOnce(new MemoryDeliveryStore(), id, handler);
      await expect(run).rejects.toThrow(TypeError);
      await expect(run).rejects.toThrow(
        'The delivery id is missing; pass the X-Puchify-Delivery header.',
      );
      expect(handler).not.toHaveBeenCalled();
    },
  );
});
