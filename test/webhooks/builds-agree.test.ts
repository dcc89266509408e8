// The two builds compare signatures by different means (crypto.subtle.verify on decoded
// bytes, a loop over hex strings), so they are held to each other here: for thousands of
// mangled signatures, both accept exactly the true one and refuse everything else alike.
// The expected HMAC comes from node:crypto, never from src/webhooks.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as nodeApi from '../../src/webhooks/node';
import * as webApi from '../../src/webhooks/index';

const T = 1_700_000_000;
const SECRET = 'whsec_agree_7c2e90';
const BODY = '{"id":"evt_1","type":"server.created","created_at":"2026-05-28T10:30:00Z","data":{}}';
const MAC = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');

/** A small deterministic generator, so a failure names a case that can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const MUTATIONS: ((mac: string, pick: (n: number) => number) => string)[] = [
  // One digit changed to another hex digit.
  (mac, pick) => {
    const at = pick(64);
    const digit = '0123456789abcdef'[(parseInt(mac[at]!, 16) + 1 + pick(15)) % 16]!;
    return mac.slice(0, at) + digit + mac.slice(at + 1);
  },
  // One digit in upper case (only letters change).
  (mac, pick) => {
    const at = pick(64);
    return mac.slice(0, at) + mac[at]!.toUpperCase() + mac.slice(at + 1);
  },
  // A character that shares a digit's low byte, or a look-alike from far up Unicode.
  (mac, pick) => {
    const at = pick(64);
    const high = [0x100, 0x4100, 0xff00][pick(3)]!;
    return mac.slice(0, at) + String.fromCharCode(high + mac.charCodeAt(at)) + mac.slice(at + 1);
  },
  // Shorter or longer by a few characters.
  (mac, pick) => mac.slice(0, 64 - 1 - pick(8)),
  (mac, pick) => mac + '0123456789abcdef'.slice(0, 1 + pick(8)),
  // A non-hex character in place of a digit.
  (mac, pick) => {
    const at = pick(64);
    return mac.slice(0, at) + 'gxz-+ /\0'[pick(8)]! + mac.slice(at + 1);
  },
];

async function outcome(api: typeof webApi, signature: string): Promise<string> {
  try {
    await api.verifySignature(BODY, `t=${T},v1=${signature}`, SECRET, { now: T * 1000 });
    return 'valid';
  } catch (error) {
    return (error as { reason?: string }).reason ?? String(error);
  }
}

describe('the Web Crypto and node:crypto builds', () => {
  it('accept the true signature, alone or beside mangled ones', async () => {
    expect(await outcome(webApi, MAC)).toBe('valid');
    expect(await outcome(nodeApi, MAC)).toBe('valid');
    const header = `t=${T},v1=${MAC.toUpperCase()},v1=${MAC.slice(1)},v1=${MAC}`;
    await expect(webApi.verifySignature(BODY, header, SECRET, { now: T * 1000 })).resolves.toBe(
      undefined,
    );
    await expect(nodeApi.verifySignature(BODY, header, SECRET, { now: T * 1000 })).resolves.toBe(
      undefined,
    );
  });

  it('refuse 3,000 mangled signatures alike, each as a signature_mismatch', async () => {
    const random = generator(20_261_204);
    const pick = (n: number) => Math.floor(random() * n);
    const disagreements: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const signature = MUTATIONS[i % MUTATIONS.length]!(MAC, pick);
      const [web, node] = await Promise.all([
        outcome(webApi, signature),
        outcome(nodeApi, signature),
      ]);
      if (signature === MAC) continue;
      if (web !== 'signature_mismatch' || node !== 'signature_mismatch') {
        disagreements.push(`case ${i} ${JSON.stringify(signature)}: web ${web}, node ${node}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
