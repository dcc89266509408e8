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
    expect(await backend.sign('Jefe', 'what do ya ', 'want for nothing?')).toBe(expected);
    expect(await backend.sign('Jefe', 'what do ya ', payload)).toBe(expected);
  });

  it('keys with the UTF-8 bytes of the secret and hashes a string payload as UTF-8', async () => {
    const expected = createHmac('sha256', Buffer.from('sécret☃', 'utf8'))
      .update(Buffer.from('1.Zürich 🚀', 'utf8'))
      .digest('hex');
    expect(await backend.sign('sécret☃', '1.', 'Zürich 🚀')).toBe(expected);
  });

  it('accepts the exact lower-case hex HMAC among the signatures given', async () => {
    expect(await backend.verify('k', '', 'm', [mac])).toBe(true);
    expect(await backend.verify('k', 'm', '', [mac])).toBe(true);
    expect(await backend.verify('k', '', 'm', ['00'.repeat(32), mac, 'zz'])).toBe(true);
    expect(await backend.verify('k', '', 'm', [mac, mac])).toBe(true);
  });

  it('refuses another payload, another key and an empty list', async () => {
    expect(await backend.verify('k', '', 'n', [mac])).toBe(false);
    expect(await backend.verify('K', '', 'm', [mac])).toBe(false);
    expect(await backend.verify('k', '', 'm', [])).toBe(false);
  });

  it('refuses a difference in the first or last character', async () => {
    const first = `${mac[0] === '0' ? '1' : '0'}${mac.slice(1)}`;
    const last = `${mac.slice(0, -1)}${mac.at(-1) === '0' ? '1' : '0'}`;
    expect(await backend.verify('k', '', 'm', [first, last])).toBe(false);
  });

  it('refuses characters that share a low byte with the hex digits, and upper case', async () => {
    // U+0130 "İ" and U+4130 keep the low byte 0x30 of "0"; a latin1 reading would match.
    for (const high of [0x100, 0x4100]) {
      const lookAlike = [...mac].map((c) => String.fromCharCode(high + c.charCodeAt(0)));
      expect(await backend.verify('k', '', 'm', [lookAlike.join('')])).toBe(false);
      expect(await backend.verify('k', '', 'm', [lookAlike[0] + mac.slice(1)])).toBe(false);
    }
    expect(await backend.verify('k', '', 'm', [mac.toUpperCase()])).toBe(false);
  });

  it('refuses other lengths, even when one is a prefix of the other', async () => {
    for (const signature of [mac.slice(0, -1), `${mac}0`, mac.slice(0, -2), `${mac}00`, '']) {
      expect(await backend.verify('k', '', 'm', [signature])).toBe(false);
    }
  });
});
