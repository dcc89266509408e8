import { describe, expect, it } from 'vitest';
import { RateLimitGate } from '../../src/core/rate-limit-gate';

const SERVER_NOW = Date.parse('2030-01-01T00:00:00Z');
// The local clock runs 5 minutes behind the server; the gate must not care.
const LOCAL_NOW = SERVER_NOW - 300_000;

function answer(remaining: number, resetInS: number, limit = 10): Headers {
  return new Headers({
    date: new Date(SERVER_NOW).toUTCString(),
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(SERVER_NOW / 1000 + resetInS),
  });
}

describe('RateLimitGate', () => {
  it('lets everything through before it has seen rate-limit headers', () => {
    const gate = new RateLimitGate();
    gate.observe(new Headers(), LOCAL_NOW);
    for (let i = 0; i < 100; i += 1) expect(gate.take(LOCAL_NOW)).toBe(0);
  });

  it('spends the remaining budget, then asks to wait until the reset measured against Date', () => {
    const gate = new RateLimitGate();
    gate.observe(answer(2, 30), LOCAL_NOW);
    expect(gate.take(LOCAL_NOW)).toBe(0);
    expect(gate.take(LOCAL_NOW)).toBe(0);
    expect(gate.take(LOCAL_NOW)).toBe(30_000);
    expect(gate.take(LOCAL_NOW + 10_000)).toBe(20_000);
  });

  it('refills to the limit once the window has passed', () => {
    const gate = new RateLimitGate();
    gate.observe(answer(0, 30, 3), LOCAL_NOW);
    expect(gate.take(LOCAL_NOW + 30_000)).toBe(0);
    expect(gate.take(LOCAL_NOW + 30_000)).toBe(0);
    expect(gate.take(LOCAL_NOW + 30_000)).toBe(0);
    gate.observe(answer(0, 90, 3), LOCAL_NOW + 30_000);
    expect(gate.take(LOCAL_NOW + 30_000)).toBe(90_000);
  });

  it('keeps the lowest count among answers of one window', () => {
    const gate = new RateLimitGate();
    gate.observe(answer(5, 30), LOCAL_NOW);
    gate.observe(answer(0, 30), LOCAL_NOW);
    gate.observe(answer(4, 30), LOCAL_NOW);
    expect(gate.take(LOCAL_NOW)).toBe(30_000);
  });

  it('ignores a late answer from an earlier window and adopts a newer one', () => {
    const gate = new RateLimitGate();
    gate.observe(answer(9, 90), LOCAL_NOW);
    gate.observe(answer(0, 30), LOCAL_NOW);
    expect(gate.take(LOCAL_NOW)).toBe(0);
    gate.observe(answer(0, 150), LOCAL_NOW);
    expect(gate.take(LOCAL_NOW)).toBe(150_000);
  });

  it('does not hold requests when the budget is spent but no reset time is known', () => {
    const gate = new RateLimitGate();
    gate.observe(new Headers({ 'x-ratelimit-remaining': '0' }), LOCAL_NOW);
    expect(gate.take(LOCAL_NOW)).toBe(0);
  });

  it('holds requests past a new window budget until an answer says when it ends', () => {
    const gate = new RateLimitGate();
    gate.observe(answer(0, 30, 3), LOCAL_NOW);
    // The window has passed: its successor's three units go out at once ...
    for (let i = 0; i < 3; i += 1) expect(gate.take(LOCAL_NOW + 30_000)).toBe(0);
    // ... and a fourth request polls for news instead of collecting a 429.
    expect(gate.take(LOCAL_NOW + 30_000)).toBe(50);
    expect(gate.take(LOCAL_NOW + 30_050)).toBe(50);
    // The first answer of the new window counts two left, but three were sent.
    gate.observe(answer(2, 90, 3), LOCAL_NOW + 30_060);
    expect(gate.take(LOCAL_NOW + 30_060)).toBe(90_000);
  });

  it('lets a held request go once a second passes without news', () => {
    const gate = new RateLimitGate();
    gate.observe(answer(0, 30, 1), LOCAL_NOW);
    expect(gate.take(LOCAL_NOW + 30_000)).toBe(0);
    expect(gate.take(LOCAL_NOW + 30_000)).toBe(50);
    expect(gate.take(LOCAL_NOW + 30_999)).toBe(50);
    expect(gate.take(LOCAL_NOW + 31_000)).toBe(0);
  });
});
