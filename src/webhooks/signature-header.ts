import { WebhookVerificationError } from './webhook-verification-error';

/**
 * The parts of an `X-Puchify-Signature` header that verification uses: the Unix
 * seconds at which Puchify signed the delivery, and every `v1=` value in header order
 * (several during secret rotation). Signatures are kept as written: only the exact 64
 * lower-case hex digits Puchify writes can match, so upper-case hex fails as a
 * mismatch. A tuple, because its field names would survive minification in the
 * browser build.
 */
export type SignatureHeader = [timestamp: number, signatures: string[]];

/**
 * A header value as frameworks hand it over: Node gives arrays for repeated headers.
 * Any other value (a number, an object) is refused as `malformed_header`.
 */
export type SignatureHeaderInput = string | readonly string[] | null | undefined;

const HEADER = 'The X-Puchify-Signature header ';

function malformed(problem: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'malformed_header',
    `${HEADER}${problem}; expected "t=<unix seconds>,v1=<hex>".`,
  );
}

/**
 * Joins the parts of a repeated header. The value is untrusted and may not be what the
 * type says, so anything but strings is refused here, not left to fail later in a string
 * method. A plain string, the usual case, never comes here and pays nothing for this.
 */
function joinParts(input: unknown): string {
  const parts: unknown[] = Array.isArray(input) ? input : [input ?? ''];
  for (const part of parts) {
    if (typeof part !== 'string') throw malformed(`is of type ${typeof part}`);
  }
  return parts.join(',');
}

/**
 * Parses `t=<unix seconds>,v1=<hex>[,v1=<hex>...]`. Whitespace around items, keys and
 * values is tolerated, empty items are skipped and unknown schemes (`v0=`, `v2=`) are
 * ignored so that a future scheme does not break this version. A second `t=`, a `t`
 * that is not a whole number, an item without `=`, or a header without `t` or `v1`
 * is malformed.
 */
export function parseSignatureHeader(input: SignatureHeaderInput): SignatureHeader {
  const header = typeof input === 'string' ? input : joinParts(input);
  if (!header.trim()) {
    throw new WebhookVerificationError('missing_header', `${HEADER}is missing or empty.`);
  }

  let timestamp = -1;
  const signatures: string[] = [];
  // Values from the header reach messages cut short and quoted as JSON, so that a
  // hostile header can neither blow up a log line nor forge a new one.
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    // A blank item has no "=" and nothing but whitespace in what would be its value.
    if (eq < 0 && !value) continue;
    if (eq < 0 || !key || !value) {
      throw malformed(`has a bad item ${JSON.stringify(item.trim().slice(0, 24))}`);
    }
    if (key === 't') {
      // Digits only, without leading zeros: Number() would also accept "1e9", "0x10",
      // "-5" or "017", none of which a signer writes, and the signed bytes hold t as
      // written. Fifteen digits keep the value an exact integer.
      if (timestamp >= 0 || !/^[1-9]\d{0,14}$/.test(value)) {
        throw malformed(`has a second or non-numeric t= ${JSON.stringify(value.slice(0, 24))}`);
      }
      timestamp = Number(value);
    } else if (key === 'v1') {
      signatures.push(value);
    }
  }

  if (timestamp < 0 || !signatures.length) throw malformed(`lacks ${timestamp < 0 ? 't=' : 'v1='}`);
  return [timestamp, signatures];
}
