import { WebhookVerificationError } from './webhook-verification-error';

/**
 * The raw request body exactly as received: a string, or its bytes (a Node `Buffer` is a
 * `Uint8Array`). Never the parsed JSON: re-serialising changes the bytes that were signed.
 */
export type WebhookPayload = string | Uint8Array | ArrayBuffer;

/**
 * The endpoint's signing secret (`whsec_...`), or a list of them while a secret is being
 * rotated: a signature made with any of them passes. Surrounding whitespace is trimmed,
 * because a secret pasted into an environment file often keeps a trailing newline and a
 * real secret never contains whitespace.
 */
export type WebhookSecret = string | readonly string[];

/** Normalises the payload to a string or bytes; anything else is refused with advice. */
export function toPayloadBytes(payload: unknown): string | Uint8Array {
  if (typeof payload === 'string') return payload;
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  // Limitation: an ArrayBuffer from another realm (an iframe, a vm context) fails this
  // instanceof test; wrap it in a Uint8Array, which the isView test above accepts.
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  throw new WebhookVerificationError(
    'invalid_payload',
    `The webhook payload is of type ${typeof payload}; pass the raw body (string, ` +
      'Uint8Array or ArrayBuffer), not parsed JSON.',
  );
}

/** Trims and checks the secret(s). A mistake here is a TypeError that never shows the value. */
export function toSecretList(secret: unknown): string[] {
  // Not [secret].flat(), which costs about 100 ns on this per-delivery path.
  const secrets = (Array.isArray(secret) ? secret : [secret]).map((item) =>
    typeof item === 'string' ? item.trim() : '',
  );
  if (!secrets.length || secrets.includes('')) {
    throw new TypeError('The secret argument takes a non-empty string or an array of them.');
  }
  return secrets;
}
