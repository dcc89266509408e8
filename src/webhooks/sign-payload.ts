import type { CryptoBackend } from './crypto-backend';
import { checkOption } from './verify-signature';
import { toPayloadBytes, toSecretList } from './webhook-input';
import type { WebhookPayload, WebhookSecret } from './webhook-input';

/** Options for `signPayload`. */
export interface SignOptions {
  /**
   * When the delivery is signed, as Unix seconds or a `Date`; truncated to the second.
   * Below 1e15 s, so that `t` keeps to the 15 digits verification accepts.
   * @default the current time
   */
  timestamp?: number | Date;
}

function unixSec(timestamp: number | Date = new Date()): number {
  return Math.floor(
    checkOption('timestamp', timestamp instanceof Date ? +timestamp / 1000 : timestamp),
  );
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
    header += `,v1=${await backend.sign(key, `${timestamp}.`, body)}`;
  }
  return header;
}
