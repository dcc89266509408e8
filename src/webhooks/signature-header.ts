import { WebhookVerificationError } from './webhook-verification-error';

/** The parts of an `X-Puchify-Signature` header that verification uses. */
export interface SignatureHeader {
  /** Unix seconds at which Puchify signed the delivery. */
  timestamp: number;
  /** Every `v1=` value, in header order; during secret rotation there are several. */
  signatures: string[];
}

/** A header value as frameworks hand it over: Node gives arrays for repeated headers. */
export type SignatureHeaderInput = string | readonly string[] | null | undefined;

const HEADER = 'The X-Puchify-Signature header';
const EXPECTED = 'Expected "t=<unix seconds>,v1=<hex signature>".';

function malformed(problem: string): WebhookVerificationError {
  return new WebhookVerificationError('malformed_header', `${HEADER} ${problem}. ${EXPECTED}`);
}

// Quotes a value from the header for a message, cut short so that a hostile header
// cannot blow up a log line.
function quote(value: string): string {
  return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}...` : value);
}

/**
 * Parses `t=<unix seconds>,v1=<hex>[,v1=<hex>...]`. Whitespace around items, keys and
 * values is tolerated, empty items are skipped and unknown schemes (`v0=`, `v2=`) are
 * ignored so that a future scheme does not break this version. A second `t=`, a `t`
 * that is not a whole number, an item without `=`, or a header without `t` or `v1`
 * is malformed.
 */
export function parseSignatureHeader(input: SignatureHeaderInput): SignatureHeader {
  const header = typeof input === 'string' ? input : (input ?? []).join(',');
  if (header.trim() === '') {
    throw new WebhookVerificationError(
      'missing_header',
      `${HEADER} is missing or empty. Pass the header value exactly as received; ` +
        'some proxies strip unknown headers.',
    );
  }

  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    if (item.trim() === '') continue;
    const eq = item.indexOf('=');
    const key = eq === -1 ? '' : item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (key === '') throw malformed(`has an item that is not key=value: ${quote(item.trim())}`);
    if (key === 't') {
      if (timestamp !== undefined) throw malformed('has more than one t= timestamp');
      timestamp = parseTimestamp(value);
    } else if (key === 'v1') {
      if (value === '') throw malformed('has an empty v1= signature');
      signatures.push(value);
    }
  }

  if (timestamp === undefined) throw malformed('has no t= timestamp');
  if (signatures.length === 0) throw malformed('has no v1= signature');
  return { timestamp, signatures };
}

function parseTimestamp(value: string): number {
  // Digits only: Number() would also accept "1e9", "0x10", " 12 " or "-5", none of
  // which a signer produces. Fifteen digits keep the value an exact integer.
  if (!/^\d{1,15}$/.test(value)) {
    throw malformed(`has a t= value that is not Unix seconds: ${quote(value)}`);
  }
  return Number(value);
}
