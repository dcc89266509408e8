import { WebhookVerificationError } from './webhook-verification-error';

/** The parts of an `X-Puchify-Signature` header that verification uses. */
export interface SignatureHeader {
  /** Unix seconds at which Puchify signed the delivery. */
  timestamp: number;
  /**
   * Every `v1=` value, in header order; during secret rotation there are several. They
   * are kept as written: verification only compares the ones that are 64 lower-case hex
   * digits, the form Puchify writes, so upper-case hex never matches.
   */
  signatures: string[];
}

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
 * Parses `t=<unix seconds>,v1=<hex>[,v1=<hex>...]`. Whitespace around items, keys and
 * values is tolerated, empty items are skipped and unknown schemes (`v0=`, `v2=`) are
 * ignored so that a future scheme does not break this version. A second `t=`, a `t`
 * that is not a whole number, an item without `=`, or a header without `t` or `v1`
 * is malformed.
 */
export function parseSignatureHeader(input: SignatureHeaderInput): SignatureHeader {
  // The value is untrusted and may not be what the type says: a string, or the parts of
  // a repeated header, becomes one list of items; anything else is refused here rather
  // than failing later in a string method.
  const parts: unknown[] = [input ?? []].flat();
  for (const part of parts) {
    if (typeof part !== 'string') throw malformed(`is of type ${typeof part}`);
  }
  const header = parts.join(',');
  if (!header.trim()) {
    throw new WebhookVerificationError('missing_header', `${HEADER}is missing or empty.`);
  }

  // Values from the header are cut short in messages, so a hostile header cannot blow
  // up a log line.
  let timestamp = -1;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    // A blank item has no "=" and nothing but whitespace in what would be its value.
    if (eq < 0 && !value) continue;
    if (eq < 0 || !key || !value) throw malformed(`has a bad item "${item.trim().slice(0, 24)}"`);
    if (key === 't') {
      // Digits only: Number() would also accept "1e9", "0x10" or "-5", none of which a
      // signer writes. Fifteen digits keep the value an exact integer.
      if (timestamp >= 0 || !/^\d{1,15}$/.test(value)) {
        throw malformed(`has a second or non-numeric t= "${value.slice(0, 24)}"`);
      }
      timestamp = Number(value);
    } else if (key === 'v1') {
      signatures.push(value);
    }
  }

  if (timestamp < 0 || !signatures.length) throw malformed(`lacks ${timestamp < 0 ? 't=' : 'v1='}`);
  return { timestamp, signatures };
}
