import { encodeHex } from './crypto-backend';
import type { CryptoBackend } from './crypto-backend';
import { toPayloadBytes, toSecretList } from './webhook-input';
import type { WebhookPayload, WebhookSecret } from './webhook-input';

/** Options for `signPayload`. */
export interface SignOptions {
  /**
   * When the delivery is signed, as Unix seconds or a `Date` (truncated to the second).
   * @default the current time
   */
  timestamp?: number | Date;
}

function unixSec(timestamp: number | Date | undefined): number {
  if (timestamp === undefined) return Math.floor(Date.now() / 1000);
  const sec = typeof timestamp === 'number' ? timestamp : Math.floor(timestamp.getTime() / 1000);
  if (!Number.isSafeInteger(sec) || sec < 0) {
    throw new RangeError(
      `The timestamp option takes whole Unix seconds (or a Date); received ${sec}.`,
    );
  }
  return sec;
}

/**
 * Signs a payload with the given crypto backend and returns the `X-Puchify-Signature`
 * value; the public `signPayload` of each build calls this. With several secrets the
 * header carries one `v1=` per secret, as during a rotation.
 */
export async function signWith(
  backend: CryptoBackend,
  payload: WebhookPayload,
  secret: WebhookSecret,
  options: SignOptions = {},
): Promise<string> {
  const secrets = toSecretList(secret);
  const timestamp = unixSec(options.timestamp);
  const body = toPayloadBytes(payload);
  let header = `t=${timestamp}`;
  for (const key of secrets) {
    header += `,v1=${encodeHex(await backend.hmacSha256(key, `${timestamp}.`, body))}`;
  }
  return header;
}
