import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { matchesAny } from '../../src/webhooks/crypto-backend';
import { nodeCrypto } from '../../src/webhooks/node-crypto';
import { verifyWith } from '../../src/webhooks/verify-signature';
import { webCrypto } from '../../src/webhooks/web-crypto';

describe.each([
  ['web', webCrypto],
  ['node', nodeCrypto],
])('%s backend', (_, backend) => {
  it('computes hex HMAC-SHA256 of prefix and payload as RFC 4231 test case 2 defines it', async () => {
    // RFC 4231 case 2: key "Jefe", data "what do ya want for nothing?".
    const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    const payload = new TextEncoder().encode('want for nothing?');
    expect(await backend.sign('Jefe', 'what do ya ', 'want for nothing?')).toBe(expected);
    expect(await backend.sign('Jefe', 'what do ya ', payload)).toBe(expected);
  });

  it('keys with the UTF-8 bytes of the secret and hashes a string payload as UTF-8', async () => {
    const expected = createHmac('sha256', Buffer.from('sécret☃', 'utf8'))
      .update(Buffer.from('1.Zürich 🚀', 'utf8'))
      .digest('hex');
    expect(await backend.sign('sécret☃', '1.', 'Zürich 🚀')).toBe(expected);
  });
});

describe('matchesAny', () => {
  const mac = createHmac('sha256', 'k').update('m').digest('hex');

  it('finds the exact value among the signatures given', () => {
    expect(matchesAny(mac, [mac])).toBe(true);
    expect(matchesAny(mac, ['00'.repeat(32), mac, 'zz'])).toBe(true);
    expect(matchesAny(mac, [mac, mac])).toBe(true);
    expect(matchesAny(mac, [])).toBe(false);
  });

  it('finds a difference in the first or last character', () => {
    const first = `${mac[0] === '0' ? '1' : '0'}${mac.slice(1)}`;
    const last = `${mac.slice(0, -1)}${mac.at(-1) === '0' ? '1' : '0'}`;
    expect(matchesAny(mac, [first, last])).toBe(false);
  });

  it('finds characters that share a low byte with the hex digits, and upper case, unequal', () => {
    // U+0130 "İ" and U+4130 keep the low byte 0x30 of "0"; a latin1 reading would match.
    for (const high of [0x100, 0x4100]) {
      const lookAlike = [...mac].map((c) => String.fromCharCode(high + c.charCodeAt(0)));
      expect(matchesAny(mac, [lookAlike.join('')])).toBe(false);
      expect(matchesAny(mac, [lookAlike[0] + mac.slice(1)])).toBe(false);
    }
    expect(matchesAny(mac, [mac.toUpperCase()])).toBe(false);
  });

  it('finds other lengths unequal, even when one is a prefix of the other', () => {
    for (const signature of [mac.slice(0, -1), `${mac}0`, mac.slice(0, -2), `${mac}00`, '']) {
      expect(matchesAny(mac, [signature])).toBe(false);
    }
  });
});

describe('verifyWith', () => {
  it('computes one HMAC per secret, however many v1 values the header holds', async () => {
    // Each HMAC covers the whole body, so one per v1 value would let anyone multiply
    // the work of a large body by padding the header.
    const sign = vi.fn(nodeCrypto.sign);
    const body = 'x'.repeat(100_000);
    const t = 1_700_000_000;
    const good = createHmac('sha256', 'k2').update(`${t}.${body}`).digest('hex');
    const header = `t=${t},${Array.from({ length: 200 }, () => `v1=${'0'.repeat(64)}`).join(',')},v1=${good}`;
    await verifyWith({ sign }, body, header, ['k1', 'k2'], { now: t * 1000 });
    expect(sign).toHaveBeenCalledTimes(2);
  });
});
