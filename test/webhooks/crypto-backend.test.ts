import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../src/webhooks/node-crypto';
import { webCrypto } from '../../src/webhooks/web-crypto';

describe.each([
  ['web', webCrypto],
  ['node', nodeCrypto],
])('%s backend', (_, backend) => {
  const mac = createHmac('sha256', 'k').update('m').digest('hex');

  it('computes hex HMAC-SHA256 of prefix and payload as RFC 4231 test case 2 defines it', async () => {
    // RFC 4231 case 2: key "Jefe", data "what do ya want for nothing?".
    const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    const payload = new TextEncoder().encode('want for nothing?');
    expect(await backend.hmacSha256('Jefe', 'what do ya ', 'want for nothing?')).toBe(expected);
    expect(await backend.hmacSha256('Jefe', 'what do ya ', payload)).toBe(expected);
  });

  it('keys with the UTF-8 bytes of the secret and hashes a string payload as UTF-8', async () => {
    const expected = createHmac('sha256', Buffer.from('sécret☃', 'utf8'))
      .update(Buffer.from('1.Zürich 🚀', 'utf8'))
      .digest('hex');
    expect(await backend.hmacSha256('sécret☃', '1.', 'Zürich 🚀')).toBe(expected);
  });

  it('finds equal values equal', () => {
    expect(backend.timingSafeEqual(mac, `${mac}`)).toBe(true);
  });

  it('finds a difference in the first or last character', () => {
    expect(backend.timingSafeEqual(mac, `x${mac.slice(1)}`)).toBe(false);
    expect(backend.timingSafeEqual(mac, `${mac.slice(0, -1)}x`)).toBe(false);
  });

  it('finds a character unequal to one that shares its low byte', () => {
    // U+0130 "İ" and U+4130 keep the low byte 0x30 of "0"; a latin1 reading would match.
    for (const high of [0x100, 0x4100]) {
      const lookAlike = [...mac].map((c) => String.fromCharCode(high + c.charCodeAt(0)));
      expect(backend.timingSafeEqual(mac, lookAlike.join(''))).toBe(false);
      expect(backend.timingSafeEqual(mac, lookAlike[0] + mac.slice(1))).toBe(false);
    }
    expect(backend.timingSafeEqual(mac, mac.toUpperCase())).toBe(false);
  });

  it('finds values of other lengths unequal, even when one is a prefix of the other', () => {
    expect(backend.timingSafeEqual(mac, mac.slice(0, -1))).toBe(false);
    expect(backend.timingSafeEqual(mac, `${mac}0`)).toBe(false);
    expect(backend.timingSafeEqual(mac, '')).toBe(false);
  });
});
