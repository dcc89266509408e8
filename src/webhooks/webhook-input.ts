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

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'a parsed object' : `a ${typeof value}`;
}

/** Normalises the payload to a string or bytes; anything else is refused with advice. */
export function toPayloadBytes(payload: unknown): string | Uint8Array {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return payload;
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  // The tag check also accepts an ArrayBuffer from another realm (an iframe, a vm context).
  if (
    payload instanceof ArrayBuffer ||
    Object.prototype.toString.call(payload) === '[object ArrayBuffer]'
  ) {
    return new Uint8Array(payload as ArrayBuffer);
  }
  throw new WebhookVerificationError(
    'invalid_payload',
    `The webhook payload must be the raw request body as a string, Uint8Array or ` +
      `ArrayBuffer; received ${describe(payload)}. Verify against the raw body bytes, ` +
      'not parsed or re-serialised JSON.',
  );
}

/** Trims and checks the secret(s). A mistake here is a TypeError that never shows the value. */
export function toSecretList(secret: unknown): string[] {
  const list: unknown[] = Array.isArray(secret) ? secret : [secret];
  const secrets = list.map((item) => (typeof item === 'string' ? item.trim() : ''));
  if (secrets.length === 0 || secrets.includes('')) {
    throw new TypeError(
      'The secret argument takes the endpoint signing secret (whsec_...) as a non-empty ' +
        'string, or a non-empty array of them during rotation; received ' +
        `${secrets.length === 0 ? 'an empty array' : 'an empty or non-string value'}.`,
    );
  }
  return secrets;
}
