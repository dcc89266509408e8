import { describe, expect, it } from 'vitest';
import { parseRateLimitReset, parseRetryAfter, serverRetryDelay } from '../../src/core/retry-after';

const SERVER_NOW = Date.parse('2030-01-01T00:00:00Z');
// The local clock is 10 minutes ahead of the server's; results must not notice.
const LOCAL_NOW = SERVER_NOW + 600_000;
const DATE = new Date(SERVER_NOW).toUTCString();

function headers(values: Record<string, string>): Headers {
  return new Headers(values);
}

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '3' }), LOCAL_NOW)).toBe(3000);
  });

  it('reads fractional seconds and rounds up to the millisecond', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '1.2' }), LOCAL_NOW)).toBe(1200);
  });

  it('measures an HTTP-date against the response Date, not the local clock', () => {
    const at = new Date(SERVER_NOW + 5000).toUTCString();
    expect(parseRetryAfter(headers({ 'retry-after': at, date: DATE }), LOCAL_NOW)).toBe(5000);
  });

  it('measures an HTTP-date against the local clock when the response has no Date', () => {
    const at = new Date(LOCAL_NOW + 7000).toUTCString();
    expect(parseRetryAfter(headers({ 'retry-after': at }), LOCAL_NOW)).toBe(7000);
  });

  it.each([
    ['zero', '0'],
    ['negative', '-5'],
    ['garbage', 'soon'],
    ['empty', ''],
    ['a past date', new Date(SERVER_NOW - 1000).toUTCString()],
    ['the response date itself', DATE],
  ])('gives no delay for %s so the caller falls back', (_, value) => {
    expect(parseRetryAfter(headers({ 'retry-after': value, date: DATE }), LOCAL_NOW)).toBe(
      undefined,
    );
  });

  it('gives no delay when the header is missing', () => {
    expect(parseRetryAfter(headers({}), LOCAL_NOW)).toBe(undefined);
  });
});

describe('parseRateLimitReset', () => {
  it('measures X-RateLimit-Reset against the response Date', () => {
    const reset = String(SERVER_NOW / 1000 + 42);
    const h = headers({ 'x-ratelimit-reset': reset, date: DATE });
    expect(parseRateLimitReset(h, LOCAL_NOW)).toBe(42_000);
  });

  it('gives no delay for a reset in the past or a non-number', () => {
    const past = String(SERVER_NOW / 1000 - 1);
    expect(parseRateLimitReset(headers({ 'x-ratelimit-reset': past, date: DATE }), 0)).toBe(
      undefined,
    );
    expect(parseRateLimitReset(headers({ 'x-ratelimit-reset': 'later', date: DATE }), 0)).toBe(
      undefined,
    );
  });
});

describe('serverRetryDelay', () => {
  const reset = String(SERVER_NOW / 1000 + 30);

  it('prefers Retry-After over X-RateLimit-Reset', () => {
    const h = headers({ 'retry-after': '2', 'x-ratelimit-reset': reset, date: DATE });
    expect(serverRetryDelay(429, h, LOCAL_NOW)).toBe(2000);
  });

  it('falls back to X-RateLimit-Reset on a 429 whose Retry-After is unusable', () => {
    const h = headers({ 'retry-after': '0', 'x-ratelimit-reset': reset, date: DATE });
    expect(serverRetryDelay(429, h, LOCAL_NOW)).toBe(30_000);
  });

  it('ignores X-RateLimit-Reset on a 503, where the window is not the cause', () => {
    const h = headers({ 'x-ratelimit-reset': reset, date: DATE });
    expect(serverRetryDelay(503, h, LOCAL_NOW)).toBe(undefined);
  });

  it('honours Retry-After on a 503', () => {
    expect(serverRetryDelay(503, headers({ 'retry-after': '4' }), LOCAL_NOW)).toBe(4000);
  });
});
