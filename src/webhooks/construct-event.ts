import type { CryptoBackend } from './crypto-backend';
import type { SignatureHeaderInput } from './signature-header';
import { verifyWith } from './verify-signature';
import type { VerifyOptions } from './verify-signature';
import type { WebhookEvent } from './webhook-event';
import { toPayloadBytes } from './webhook-input';
import type { WebhookPayload, WebhookSecret } from './webhook-input';
import { WebhookVerificationError } from './webhook-verification-error';

function notAnEvent(detail: string, cause?: unknown): WebhookVerificationError {
  return new WebhookVerificationError(
    'invalid_payload',
    `The webhook body is correctly signed but ${detail}. Pass the raw body unchanged; ` +
      'if it is, this delivery did not come from a Puchify webhook endpoint.',
    cause === undefined ? undefined : { cause },
  );
}

// Structural check only: the shape every event shares. The fields of `data` are not
// validated here, which keeps the browser build small and lets a newer API add fields.
function isEventShape(value: unknown): value is WebhookEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const event = value as Record<string, unknown>;
  return (
    typeof event['id'] === 'string' &&
    typeof event['type'] === 'string' &&
    typeof event['created_at'] === 'string'
  );
}

/** Decodes and parses a body whose signature has been verified. */
export function parseEvent(body: string | Uint8Array): WebhookEvent {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw notAnEvent('is not valid JSON', error);
  }
  if (!isEventShape(value)) throw notAnEvent('is not an event with string id, type and created_at');
  return value;
}

/**
 * Verifies a delivery with the given crypto backend, then parses it; the public
 * `constructEvent` of each build calls this.
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
