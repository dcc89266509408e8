import type { CryptoBackend } from './crypto-backend';
import type { SignatureHeaderInput } from './signature-header';
import { verifyWith } from './verify-signature';
import type { VerifyOptions } from './verify-signature';
import type { WebhookEvent } from './webhook-event';
import { toPayloadBytes } from './webhook-input';
import type { WebhookPayload, WebhookSecret } from './webhook-input';
import { WebhookVerificationError } from './webhook-verification-error';

const decoder = new TextDecoder();

/**
 * Decodes and parses a body whose signature has been verified. The check is structural
 * only, the shape every event shares: the fields of `data` are not validated here, which
 * keeps the browser build small and lets a newer API add fields.
 */
export function parseEvent(body: string | Uint8Array): WebhookEvent {
  let cause: unknown;
  try {
    const event = JSON.parse(typeof body === 'string' ? body : decoder.decode(body)) as Record<
      string,
      unknown
    > | null;
    // `?.` makes null, numbers, strings and arrays fail here without a separate test.
    if (['id', 'type', 'created_at'].every((field) => typeof event?.[field] === 'string')) {
      return event as WebhookEvent;
    }
  } catch (error) {
    cause = error;
  }
  throw new WebhookVerificationError(
    'invalid_payload',
    'The webhook body is signed but is not a JSON event with string id, type and created_at.',
    { cause },
  );
}

/**
 * Verifies a delivery with the given crypto backend, then parses it; the public
 * `constructEvent` of each build calls this.
 * Limitation: bytes are read twice, to verify and then to parse, without a copy in
 * between; a caller that changes its buffer while the call runs gets the event parsed
 * from the changed bytes. Hand over a buffer that nothing else writes to.
 */
export async function constructWith(
  backend: CryptoBackend,
  payload: WebhookPayload,
  header: SignatureHeaderInput,
  secret: WebhookSecret,
  options?: VerifyOptions,
): Promise<WebhookEvent> {
  await verifyWith(backend, payload, header, secret, options);
  return parseEvent(toPayloadBytes(payload));
}
