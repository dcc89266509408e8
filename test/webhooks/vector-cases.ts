// Builds the signature vectors in vectors.json with node:crypto, independently of
// src/webhooks. vectors.json is plain data so that a browser test can run the very same
// cases against the Web Crypto build without node:crypto; vectors.test.ts rebuilds the
// list and fails when the file is stale. Regenerate: npx tsx test/webhooks/vector-cases.ts
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';

/** One case: a delivery as received and what verifying it must do. */
export interface SignatureVector {
  name: string;
  /** The body exactly as received. */
  body: string;
  /** How the test hands the body over: as text, as UTF-8 bytes, or as an ArrayBuffer. */
  bodyAs: 'string' | 'bytes' | 'arraybuffer';
  /** The X-Puchify-Signature value as received. */
  header: string;
  /** The secret(s) the receiver verifies with. */
  secret: string | string[];
  /** The receiver's clock, Unix seconds. */
  nowSec: number;
  /** `valid`, or the WebhookVerificationError reason it must fail with. */
  expected: string;
}

const T = 1_700_000_000;
const SECRET = 'whsec_vector_secret_7f3a9c';
const OLD_SECRET = 'whsec_vector_secret_old_11b2';
const EVENT = JSON.stringify({
  id: 'evt_abc123',
  type: 'server.created',
  created_at: '2026-05-28T10:30:00Z',
  team_id: 'team_456',
  data: { id: 'svr_abc123', name: 'web-prod-01', status: 'creating', plan: 'shared-2' },
});
const UNICODE =
  '{"id":"evt_u","type":"server.updated","created_at":"2026-05-28T10:30:00Z",' +
  '"data":{"name":"Zürich ☃ 東京 🚀 ﬁ","note":"e\u0301 vs é"}}';
const CRLF =
  '{\r\n  "id": "evt_crlf",\r\n  "type": "server.updated",\r\n' +
  '  "created_at": "2026-05-28T10:30:00Z",\r\n  "data": {}\r\n}\r\n';

/** Hex HMAC-SHA256 of "<t>.<body>", the scheme itself, written out with node:crypto. */
export function referenceSignature(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
}

const sig = (body = EVENT, t = T, secret = SECRET) => referenceSignature(secret, t, body);
const base = { body: EVENT, bodyAs: 'string', secret: SECRET, nowSec: T } as const;
const valid = (name: string, header: string, more: Partial<SignatureVector> = {}) =>
  ({ name, ...base, header, expected: 'valid', ...more }) satisfies SignatureVector;
const invalid = (name: string, expected: string, header: string, more = {}) =>
  ({ name, ...base, header, expected, ...more }) satisfies SignatureVector;

/** Every vector, in a stable order. */
export function buildVectors(): SignatureVector[] {
  const ok = `t=${T},v1=${sig()}`;
  return [
    valid('valid string body', ok),
    valid('valid body as bytes', ok, { bodyAs: 'bytes' }),
    valid('valid body as ArrayBuffer', ok, { bodyAs: 'arraybuffer' }),
    valid('empty body', `t=${T},v1=${sig('')}`, { body: '' }),
    valid('unicode body as string', `t=${T},v1=${sig(UNICODE)}`, { body: UNICODE }),
    valid('unicode body as bytes', `t=${T},v1=${sig(UNICODE)}`, { body: UNICODE, bodyAs: 'bytes' }),
    valid('CRLF body kept as received', `t=${T},v1=${sig(CRLF)}`, { body: CRLF }),
    valid('CRLF body as bytes', `t=${T},v1=${sig(CRLF)}`, { body: CRLF, bodyAs: 'bytes' }),
    invalid('CRLF body normalised to LF', 'signature_mismatch', `t=${T},v1=${sig(CRLF)}`, {
      body: CRLF.replaceAll('\r\n', '\n'),
    }),
    invalid('tampered body', 'signature_mismatch', ok, {
      body: EVENT.replace('shared-2', 'shared-8'),
    }),
    invalid('re-serialised JSON body', 'signature_mismatch', ok, {
      body: JSON.stringify(JSON.parse(EVENT), null, 2),
    }),
    invalid('tampered timestamp', 'signature_mismatch', `t=${T + 1},v1=${sig()}`),
    invalid('wrong secret', 'signature_mismatch', ok, { secret: 'whsec_someone_else' }),
    invalid(
      'signature truncated by one hex digit',
      'signature_mismatch',
      `t=${T},v1=${sig().slice(0, 63)}`,
    ),
    invalid('signature with an extra byte', 'signature_mismatch', `t=${T},v1=${sig()}00`),
    invalid('signature that is not hex', 'signature_mismatch', `t=${T},v1=${'zz'.repeat(32)}`),
    // Each character keeps its low byte (U+0130 "İ" for "0", U+0161 "š" for "a"), which
    // a latin1 reading would take for the valid signature.
    invalid(
      'valid signature in look-alike characters',
      'signature_mismatch',
      `t=${T},v1=${[...sig()].map((c) => String.fromCharCode(0x100 + c.charCodeAt(0))).join('')}`,
    ),
    valid(
      'rotation: old signature, receiver knows new and old',
      `t=${T},v1=${sig(EVENT, T, OLD_SECRET)}`,
      {
        secret: [SECRET, OLD_SECRET],
      },
    ),
    valid(
      'rotation: new and old signatures, receiver knows new',
      `t=${T},v1=${sig()},v1=${sig(EVENT, T, OLD_SECRET)}`,
    ),
    valid(
      'rotation: new and old signatures, receiver knows old',
      `t=${T},v1=${sig()},v1=${sig(EVENT, T, OLD_SECRET)}`,
      {
        secret: OLD_SECRET,
      },
    ),
    invalid(
      'rotation: neither secret matches',
      'signature_mismatch',
      `t=${T},v1=${sig(EVENT, T, OLD_SECRET)}`,
      {
        secret: ['whsec_a', 'whsec_b'],
      },
    ),
    valid('several v1, the valid one last', `t=${T},v1=${'0'.repeat(64)},v1=${sig()}`),
    valid('unknown schemes ignored', `t=${T},v0=${'ab'.repeat(32)},v1=${sig()},v2=future`),
    valid('keys in another order', `v1=${sig()},t=${T}`),
    valid('whitespace around items, keys and values', `  t = ${T} ,\tv1= ${sig()}  `),
    valid('trailing comma', `t=${T},v1=${sig()},`),
    invalid('upper-case hex signature', 'signature_mismatch', `t=${T},v1=${sig().toUpperCase()}`),
    valid('secret with a trailing newline is trimmed', ok, { secret: `${SECRET}\n` }),
    invalid('empty header', 'missing_header', ''),
    invalid('whitespace-only header', 'missing_header', '   '),
    invalid('no t', 'malformed_header', `v1=${sig()}`),
    invalid('no v1', 'malformed_header', `t=${T}`),
    invalid('only unknown schemes', 'malformed_header', `t=${T},v0=${sig()}`),
    invalid('empty v1', 'malformed_header', `t=${T},v1=`),
    invalid('non-numeric t', 'malformed_header', `t=abc,v1=${sig()}`),
    invalid('negative t', 'malformed_header', `t=-${T},v1=${sig()}`),
    invalid('t in exponent notation', 'malformed_header', `t=1.7e9,v1=${sig()}`),
    invalid('empty t', 'malformed_header', `t=,v1=${sig()}`),
    invalid('duplicated t', 'malformed_header', `t=${T},t=${T + 999},v1=${sig()}`),
    invalid('duplicated t with the same value', 'malformed_header', `t=${T},t=${T},v1=${sig()}`),
    invalid('item without =', 'malformed_header', `t=${T},v1${sig()}`),
    invalid('item without a key', 'malformed_header', `t=${T},=${sig()}`),
    valid('300 s in the past passes', ok, { nowSec: T + 300 }),
    invalid('301 s in the past fails', 'timestamp_out_of_tolerance', ok, { nowSec: T + 301 }),
    valid('300 s in the future passes', ok, { nowSec: T - 300 }),
    invalid('301 s in the future fails', 'timestamp_out_of_tolerance', ok, { nowSec: T - 301 }),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = new URL('./vectors.json', import.meta.url);
  writeFileSync(file, `${JSON.stringify(buildVectors(), null, 2)}\n`);
}
