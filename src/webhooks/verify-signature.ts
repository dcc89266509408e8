import { matchesAny } from './crypto-backend';
import type { CryptoBackend } from './crypto-backend';
import { parseSignatureHeader } from './signature-header';
import type { SignatureHeaderInput } from './signature-header';
import { toPayloadBytes, toSecretList } from './webhook-input';
import type { WebhookPayload, WebhookSecret } from './webhook-input';
import { WebhookVerificationError } from './webhook-verification-error';

/** Options for `verifySignature` and `constructEvent`. */
export interface VerifyOptions {
  /**
   * Largest gap, in seconds, allowed between the signature's timestamp and now, in the
   * past or the future. A replayed delivery older than this is refused.
   * @default 300
   */
  toleranceSec?: number;
  /**
   * The current time as a `Date` or Unix milliseconds; set it in tests, or to check a
   * stored delivery against the time it arrived.
   * @default Date.now()
   */
  now?: Date | number;
}

/**
 * Throws a RangeError naming the option unless `value` is a number from `min` up to,
 * not including, 1e15: a string, null or boolean is refused, not converted, as
 * arithmetic on one would quietly give another meaning ("10" + 1 is "101"). The bound
 * keeps a signed `t` within the 15 digits the header parser takes, and is far beyond
 * any sensible tolerance, clock, TTL or count.
 */
export function checkOption(name: string, value: unknown, min = 0): number {
  if (!(typeof value == 'number' && value >= min && value < 1e15)) {
    throw new RangeError(
      `The ${name} option takes a number, ${min} or more and below 1e15; got ${String(value)}.`,
    );
  }
  return value;
}

/**
 * Verifies a delivery with the given crypto backend; the public `verifySignature` of each
 * build calls this. The signature is checked before the timestamp, so a clock problem is
 * only reported for a delivery that Puchify really signed.
 */
export async function verifyWith(
  backend: CryptoBackend,
  payload: WebhookPayload,
  header: SignatureHeaderInput,
  secret: WebhookSecret,
  options: VerifyOptions = {},
): Promise<void> {
  // Misuse first: these are programming errors, not untrusted input.
  const secrets = toSecretList(secret);
  const { now = Date.now(), toleranceSec = 300 } = options;
  const tolerance = checkOption('toleranceSec', toleranceSec);
  // A Date becomes its milliseconds; anything else must already be a number.
  const nowMs = checkOption('now', now instanceof Date ? +now : now);

  // Untrusted input: the body, then the header.
  const body = toPayloadBytes(payload);
  const [timestamp, signatures] = parseSignatureHeader(header);

  // One HMAC per secret, however many signatures the header holds, and every secret
  // and signature compared with no early exit, so the time taken does not say which
  // one matched.
  let matched = false;
  for (const key of secrets) {
    matched = matchesAny(await backend.sign(key, `${timestamp}.`, body), signatures) || matched;
  }
  if (!matched) {
    throw new WebhookVerificationError(
      'signature_mismatch',
      // The raw-body advice first: re-serialised JSON is the most common cause.
      'Webhook signature mismatch. Verify against the raw body bytes, not re-serialised ' +
        'JSON. Check the secret too.',
    );
  }
  // Whole seconds on both sides, as the signer truncates its clock to whole seconds.
  const age = Math.floor(nowMs / 1000) - timestamp;
  const gap = Math.abs(age);
  // Written so that a NaN anywhere fails rather than passes.
  if (!(gap <= tolerance)) {
    throw new WebhookVerificationError(
      'timestamp_out_of_tolerance',
      `The webhook timestamp t=${timestamp} is ${gap} s ` +
        `${age > 0 ? 'old' : 'ahead'}, beyond the ${tolerance} s tolerance. ` +
        'Check the server clock, or this is a replay.',
    );
  }
}
