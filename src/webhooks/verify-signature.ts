import { decodeHex } from './crypto-backend';
import type { CryptoBackend } from './crypto-backend';
import { parseSignatureHeader } from './signature-header';
import type { SignatureHeader, SignatureHeaderInput } from './signature-header';
import { toPayloadBytes, toSecretList } from './webhook-input';
import type { WebhookPayload, WebhookSecret } from './webhook-input';
import { WebhookVerificationError } from './webhook-verification-error';

/** Default gap allowed between a signature's timestamp and now, in seconds. */
export const DEFAULT_TOLERANCE_SEC = 300;

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

function nowSec(now: Date | number | undefined): number {
  const ms = now === undefined ? Date.now() : typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(ms)) {
    throw new RangeError(`The now option takes a Date or Unix milliseconds; received ${ms}.`);
  }
  // Whole seconds on both sides, as the signer truncates its clock to whole seconds.
  return Math.floor(ms / 1000);
}

function toleranceSec(value: number | undefined): number {
  if (value === undefined) return DEFAULT_TOLERANCE_SEC;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(
      `The toleranceSec option takes a finite number of seconds, 0 or more; received ${value}.`,
    );
  }
  return value;
}

/**
 * Does any `v1` signature match the HMAC under any of the secrets? Every pair is
 * compared, with no early exit, so the time taken does not say which one matched.
 */
async function anySignatureMatches(
  backend: CryptoBackend,
  payload: string | Uint8Array,
  header: SignatureHeader,
  secrets: readonly string[],
): Promise<boolean> {
  const candidates = header.signatures.map(decodeHex);
  const prefix = `${header.timestamp}.`;
  let matched = false;
  for (const secret of secrets) {
    const expected = await backend.hmacSha256(secret, prefix, payload);
    for (const candidate of candidates) {
      matched = backend.timingSafeEqual(expected, candidate) || matched;
    }
  }
  return matched;
}

function checkTolerance(timestamp: number, now: number, tolerance: number): void {
  const age = now - timestamp;
  if (Math.abs(age) <= tolerance) return;
  const when = age > 0 ? `${age} s in the past` : `${-age} s in the future`;
  throw new WebhookVerificationError(
    'timestamp_out_of_tolerance',
    `The webhook timestamp t=${timestamp} is ${when}, beyond the ${tolerance} s tolerance. ` +
      'A replayed delivery looks like this; otherwise check the server clock, or pass ' +
      'options.now when checking a stored delivery.',
  );
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
  const tolerance = toleranceSec(options.toleranceSec);
  const now = nowSec(options.now);

  // Untrusted input: the body, then the header.
  const body = toPayloadBytes(payload);
  const parsed = parseSignatureHeader(header);

  if (!(await anySignatureMatches(backend, body, parsed, secrets))) {
    throw new WebhookVerificationError(
      'signature_mismatch',
      'Webhook signature mismatch. Verify against the raw body bytes, not re-serialised ' +
        "JSON, and use this endpoint's current signing secret.",
    );
  }
  checkTolerance(parsed.timestamp, now, tolerance);
}
