// The behaviour both builds of puchify/webhooks share. verify-web.test.ts and
// verify-node.test.ts run this same suite against the Web Crypto and node:crypto builds.
// Expected signatures come from node:crypto in this file, never from src/webhooks.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type * as WebhooksApi from '../../src/webhooks/index';
import type { VerifyOptions } from '../../src/webhooks/index';
import { vectorPayload, vectors } from './vectors';

type Api = typeof WebhooksApi;

const T = 1_700_000_000;
const SECRET = 'whsec_suite_secret_5d1e8b';
const BODY = '{"id":"evt_1","type":"server.created","created_at":"2026-05-28T10:30:00Z","data":{}}';

function hmacHex(secret: string, t: number | string, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
}

function header(body: string = BODY, t = T, secret = SECRET): string {
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

/** The rejection of `promise`, failing the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome === undefined) throw new Error('expected a rejection, got a resolved promise');
  return outcome as Record<string, unknown>;
}

/** Everything an error exposes: message, stack, own properties and cause chain. */
function everythingIn(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const own = Object.getOwnPropertyNames(error).map((key) => {
    const value = (error as Record<string, unknown>)[key];
    return key === 'cause' ? everythingIn(value) : String(value);
  });
  return [String(error), ...own].join('\n');
}

export function defineVerifySuite(buildName: string, api: Api): void {
  describe(`${buildName} build: signature vectors`, () => {
    it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
      const run = api.verifySignature(vectorPayload(vector), vector.header, vector.secret, {
        now: vector.nowSec * 1000,
      });
      if (vector.expected === 'valid') {
        await expect(run).resolves.toBeUndefined();
      } else {
        const error = await rejection(run);
        expect(error).toBeInstanceOf(api.WebhookVerificationError);
        expect(error['reason']).toBe(vector.expected);
      }
    });
  });

  describe(`${buildName} build: verifySignature`, () => {
    it('accepts a Node Buffer and a Uint8Array view into a larger buffer', async () => {
      const padded = Buffer.from(`xx${BODY}yy`);
      const view = new Uint8Array(padded.buffer, padded.byteOffset + 2, padded.length - 4);
      await api.verifySignature(Buffer.from(BODY), header(), SECRET, { now: T * 1000 });
      await api.verifySignature(view, header(), SECRET, { now: T * 1000 });
    });

    it('accepts the header as the array Node gives for a repeated header', async () => {
      const [t, v1] = header().split(',');
      await api.verifySignature(BODY, [t!, v1!], SECRET, { now: T * 1000 });
    });

    it.each([
      ['a parsed object', JSON.parse(BODY), 'object'],
      ['an array', [1, 2], 'object'],
      ['null', null, 'object'],
      ['a number', 42, 'number'],
    ])('refuses %s as payload with advice to pass the raw body', async (_, payload, kind) => {
      const error = await rejection(
        api.verifySignature(payload as string, header(), SECRET, { now: T * 1000 }),
      );
      expect(error['reason']).toBe('invalid_payload');
      expect(error['message']).toBe(
        `The webhook payload is of type ${kind}; pass the raw body (string, Uint8Array or ` +
          'ArrayBuffer), not parsed JSON.',
      );
    });

    it('reports a missing header as missing_header', async () => {
      for (const missing of [undefined, null, [] as string[]]) {
        const error = await rejection(api.verifySignature(BODY, missing, SECRET));
        expect(error['reason']).toBe('missing_header');
      }
    });

    it.each([
      ['a number', 5, 'number'],
      ['an object', { t: 1 }, 'object'],
      ['an object without a prototype', Object.create(null), 'object'],
      ['a boolean', true, 'boolean'],
      ['an array holding a number', [`t=${T}`, 5], 'number'],
      ['an array holding null', [null], 'object'],
      ['an array holding an array', [[`t=${T}`]], 'object'],
    ])('refuses %s as header with malformed_header naming its type', async (_, input, kind) => {
      const run = api.verifySignature(BODY, input as string, SECRET, { now: T * 1000 });
      const error = await rejection(run);
      expect(error).toBeInstanceOf(api.WebhookVerificationError);
      expect(error['reason']).toBe('malformed_header');
      expect(error['message']).toBe(
        `The X-Puchify-Signature header is of type ${kind}; expected "t=<unix seconds>,v1=<hex>".`,
      );
    });

    it('checks the signature before the timestamp', async () => {
      const stale = header(BODY, T - 10_000);
      const wrongSecret = await rejection(
        api.verifySignature(BODY, stale, 'whsec_other', { now: T * 1000 }),
      );
      expect(wrongSecret['reason']).toBe('signature_mismatch');
      const rightSecret = await rejection(
        api.verifySignature(BODY, stale, SECRET, { now: T * 1000 }),
      );
      expect(rightSecret['reason']).toBe('timestamp_out_of_tolerance');
      expect(rightSecret['message']).toBe(
        `The webhook timestamp t=${T - 10_000} is 10000 s old, beyond the 300 s tolerance. ` +
          'Check the server clock, or this is a replay.',
      );
    });

    it('names the direction of a future timestamp', async () => {
      const error = await rejection(
        api.verifySignature(BODY, header(BODY, T + 400), SECRET, { now: T * 1000 }),
      );
      expect(error['message']).toMatch(/^The webhook timestamp t=\d+ is 400 s ahead, beyond/);
    });

    it('uses the current clock when now is not given', async () => {
      const nowSec = Math.floor(Date.now() / 1000);
      await api.verifySignature(BODY, header(BODY, nowSec), SECRET);
      const error = await rejection(api.verifySignature(BODY, header(BODY, nowSec - 3600), SECRET));
      expect(error['reason']).toBe('timestamp_out_of_tolerance');
    });

    it('takes now as a Date and honours a custom toleranceSec', async () => {
      const now = new Date((T + 60) * 1000);
      await api.verifySignature(BODY, header(), SECRET, { now, toleranceSec: 60 });
      const error = await rejection(
        api.verifySignature(BODY, header(), SECRET, { now, toleranceSec: 59 }),
      );
      expect(error['reason']).toBe('timestamp_out_of_tolerance');
    });

    it('compares whole seconds, as the signer truncates its clock', async () => {
      await api.verifySignature(BODY, header(), SECRET, { now: (T + 300) * 1000 + 999 });
      const error = await rejection(
        api.verifySignature(BODY, header(), SECRET, { now: (T + 301) * 1000 }),
      );
      expect(error['reason']).toBe('timestamp_out_of_tolerance');
    });

    it.each([
      [
        'the first digit',
        (v1: string) => String.fromCharCode(0x100 + v1.charCodeAt(0)) + v1.slice(1),
      ],
      [
        'every digit',
        (v1: string) => v1.replace(/./g, (c) => String.fromCharCode(0x4100 + c.charCodeAt(0))),
      ],
      ['every 0 and a', (v1: string) => v1.replaceAll('0', '\u0130').replaceAll('a', '\u0161')],
      ['upper case', (v1: string) => v1.toUpperCase()],
    ])(
      'refuses a valid v1 with %s rewritten to keep its low bytes as signature_mismatch',
      async (_, rewrite) => {
        const v1 = hmacHex(SECRET, T, BODY);
        const forged = rewrite(v1);
        // Every rewritten character still reads as the original one byte in latin1.
        expect(forged).not.toBe(v1);
        expect(Buffer.from(forged, 'latin1').toString('latin1').toLowerCase()).toBe(v1);
        const error = await rejection(
          api.verifySignature(BODY, `t=${T},v1=${forged}`, SECRET, { now: T * 1000 }),
        );
        expect(error).toBeInstanceOf(api.WebhookVerificationError);
        expect(error['reason']).toBe('signature_mismatch');
      },
    );

    it('still passes a valid v1 next to one in look-alike characters', async () => {
      const v1 = hmacHex(SECRET, T, BODY);
      const forged = v1.replaceAll('0', '\u0130');
      await api.verifySignature(BODY, `t=${T},v1=${forged},v1=${v1}`, SECRET, { now: T * 1000 });
    });

    it('gives the advice from the style guide on a mismatch', async () => {
      const error = await rejection(
        api.verifySignature(`${BODY} `, header(), SECRET, { now: T * 1000 }),
      );
      expect(error['message']).toMatch(
        /^Webhook signature mismatch\. Verify against the raw body bytes, not re-serialised JSON/,
      );
      expect(error['name']).toBe('WebhookVerificationError');
    });

    it.each([
      ['an empty string', ''],
      ['whitespace only', ' \n'],
      ['an empty array', []],
      ['an array with an empty entry', [SECRET, '']],
      ['a number', 7],
    ])('refuses %s as secret with a TypeError', async (_, secret) => {
      const error = await rejection(api.verifySignature(BODY, header(), secret as string));
      expect(error).toBeInstanceOf(TypeError);
      expect(error['message']).toContain('The secret argument takes');
      expect(everythingIn(error)).not.toContain(SECRET);
    });

    it.each([
      [{ toleranceSec: -1 }, 'toleranceSec'],
      [{ toleranceSec: Number.NaN }, 'toleranceSec'],
      [{ toleranceSec: Number.POSITIVE_INFINITY }, 'toleranceSec'],
      [{ now: Number.NaN }, 'now'],
      [{ now: new Date('not a date') }, 'now'],
      // Not converted: null would be a tolerance of 0 s or a clock at 1970, "300" a
      // string in arithmetic.
      [{ toleranceSec: null }, 'toleranceSec'],
      [{ toleranceSec: '300' }, 'toleranceSec'],
      [{ toleranceSec: true }, 'toleranceSec'],
      [{ now: null }, 'now'],
      [{ now: String(T * 1000) }, 'now'],
    ])('refuses options %o with a RangeError naming the option', async (options, name) => {
      const run = api.verifySignature(BODY, header(), SECRET, options as VerifyOptions);
      const error = await rejection(run);
      expect(error).toBeInstanceOf(RangeError);
      expect(error['message']).toContain(`The ${name} option`);
    });

    it('never puts the secret in any error it raises', async () => {
      const failures = vectors.filter((v) => v.expected !== 'valid');
      const secrets = new Set(failures.flatMap((v) => v.secret));
      expect(failures.length).toBeGreaterThan(20);
      for (const vector of failures) {
        const error = await rejection(
          api.verifySignature(vectorPayload(vector), vector.header, vector.secret, {
            now: vector.nowSec * 1000,
          }),
        );
        const text = everythingIn(error);
        for (const secret of secrets) expect(text).not.toContain(secret.trim());
      }
    });
  });

  describe(`${buildName} build: signPayload`, () => {
    it('produces the header node:crypto computes for the scheme', async () => {
      expect(await api.signPayload(BODY, SECRET, { timestamp: T })).toBe(header());
      const bytes = new TextEncoder().encode(BODY);
      expect(await api.signPayload(bytes, SECRET, { timestamp: T })).toBe(header());
      expect(await api.signPayload(bytes.buffer, SECRET, { timestamp: T })).toBe(header());
    });

    it('writes one v1 per secret, in order, for rotation', async () => {
      const signed = await api.signPayload(BODY, ['whsec_new', 'whsec_old'], { timestamp: T });
      const expected = [hmacHex('whsec_new', T, BODY), hmacHex('whsec_old', T, BODY)];
      expect(signed).toBe(`t=${T},v1=${expected[0]},v1=${expected[1]}`);
    });

    it('takes the timestamp as a Date, truncated to the second', async () => {
      const signed = await api.signPayload(BODY, SECRET, { timestamp: new Date(T * 1000 + 999) });
      expect(signed).toBe(header());
    });

    it('signs with the current time by default, which then verifies', async () => {
      const before = Math.floor(Date.now() / 1000);
      const signed = await api.signPayload(BODY, SECRET);
      const t = Number(/^t=(\d+),/.exec(signed)?.[1]);
      expect(t).toBeGreaterThanOrEqual(before);
      expect(t).toBeLessThanOrEqual(before + 1);
      await api.verifySignature(BODY, signed, SECRET);
    });

    it('truncates a fractional timestamp to the second', async () => {
      expect(await api.signPayload(BODY, SECRET, { timestamp: T + 0.9 })).toBe(header());
    });

    it.each([
      [-1, '-1'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [1e15, '1000000000000000'],
      [1e20, '100000000000000000000'],
      // A string is refused rather than read as a Date's milliseconds.
      [String(T), String(T)],
      [null, 'null'],
    ])('refuses timestamp %s with a RangeError', async (t, shown) => {
      const error = await rejection(api.signPayload(BODY, SECRET, { timestamp: t as number }));
      expect(error).toBeInstanceOf(RangeError);
      expect(error['message']).toBe(
        `The timestamp option takes a number, 0 or more and below 1e15; got ${shown}.`,
      );
    });

    it('signs the largest timestamp with a t that verification parses', async () => {
      const signed = await api.signPayload(BODY, SECRET, { timestamp: 1e15 - 1 });
      expect(signed).toBe(header(BODY, 999_999_999_999_999));
      // The signature matches; only the clock check fails, not the header's format.
      const error = await rejection(api.verifySignature(BODY, signed, SECRET));
      expect(error['reason']).toBe('timestamp_out_of_tolerance');
    });
  });

  describe(`${buildName} build: MemoryDeliveryStore options`, () => {
    it.each([
      ['maxEntries', 0, '0'],
      ['maxEntries', -1, '-1'],
      ['maxEntries', 0.5, '0.5'],
      ['maxEntries', Number.NaN, 'NaN'],
      ['maxEntries', Number.POSITIVE_INFINITY, 'Infinity'],
      ['ttlMs', 0, '0'],
      ['ttlMs', -1, '-1'],
      ['ttlMs', Number.NaN, 'NaN'],
      ['ttlMs', Number.POSITIVE_INFINITY, 'Infinity'],
      // A string TTL would make every expiry a string, and no id would ever expire.
      ['ttlMs', '10', '10'],
      ['maxEntries', '5', '5'],
    ])('refuses %s %s with a RangeError naming the option', (name, value, shown) => {
      expect(() => new api.MemoryDeliveryStore({ [name]: value })).toThrow(
        new RangeError(
          `The ${name} option takes a number, 1 or more and below 1e15; got ${shown}.`,
        ),
      );
    });

    it('accepts 1 for both options, and then still drops an immediate duplicate', async () => {
      expect(() => new api.MemoryDeliveryStore({ ttlMs: 1, maxEntries: 1 })).not.toThrow();
      const store = new api.MemoryDeliveryStore({ ttlMs: 60_000, maxEntries: 1 });
      const handle = () => api.handleDeliveryOnce(store, 'del_1', () => 'handled');
      expect(await handle()).toEqual({ duplicate: false, result: 'handled' });
      expect(await handle()).toEqual({ duplicate: true });
      // A second id pushes the first out of a store that holds one.
      expect(store.add('del_2')).toBe(true);
      expect(await handle()).toEqual({ duplicate: false, result: 'handled' });
    });

    it('applies the defaults when the options are left out', () => {
      const store = new api.MemoryDeliveryStore({});
      expect(store.add('del_1')).toBe(true);
      expect(store.add('del_1')).toBe(false);
    });
  });
}
