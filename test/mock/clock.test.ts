import { describe, expect, it } from 'vitest';
import { createManualClock, createRealClock } from '../../src/mock/clock';

describe('manual clock', () => {
  it('fires due callbacks in time order and leaves later ones queued', async () => {
    const clock = createManualClock(1_000);
    const fired: string[] = [];
    clock.schedule(() => fired.push('b'), 200);
    clock.schedule(() => fired.push('a'), 100);
    clock.schedule(() => fired.push('c'), 500);
    await clock.advance(250);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(1_250);
    expect(clock.pending()).toBe(1);
  });

  it('runs the clock at each callback due time while it fires', async () => {
    const clock = createManualClock(0);
    const seen: number[] = [];
    clock.schedule(() => seen.push(clock.now()), 30);
    await clock.advance(100);
    expect(seen).toEqual([30]);
  });

  it('fires timers that a callback schedules inside the same advance', async () => {
    const clock = createManualClock(0);
    const fired: number[] = [];
    clock.schedule(async () => {
      await Promise.resolve();
      clock.schedule(() => fired.push(clock.now()), 10);
    }, 10);
    await clock.advance(25);
    expect(fired).toEqual([20]);
  });

  it('cancels a scheduled callback', async () => {
    const clock = createManualClock(0);
    let count = 0;
    const handle = clock.schedule(() => count++, 10);
    clock.clear(handle);
    await clock.advance(20);
    expect(count).toBe(0);
  });

  it('rejects a negative advance', async () => {
    await expect(createManualClock(0).advance(-1)).rejects.toThrow(RangeError);
  });
});

describe('real clock', () => {
  it('refuses to be advanced by hand', async () => {
    await expect(createRealClock().advance(10)).rejects.toThrow(/manual/);
  });
});
