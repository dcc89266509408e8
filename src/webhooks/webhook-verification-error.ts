/**
 * Why a webhook failed verification. Branch on this rather than on the message, which
 * may be reworded.
 */
export type WebhookVerificationReason =
  | 'missing_header'
  | 'malformed_header'
  | 'timestamp_out_of_tolerance'
  | 'signature_mismatch'
  | 'invalid_payload';

/**
 * Thrown when a webhook delivery cannot be trusted; `reason` says which check failed.
 * The message says what to do next and never contains the secret.
 * Limitation: the Web Crypto and node:crypto builds (and the ESM and CJS files of each)
 * hold separate copies of this class, so `instanceof` only recognises errors from the
 * copy it was imported from. Import it from the same `puchify/webhooks` you verify
 * with, or test `error.name === 'WebhookVerificationError'`.
 * @example
 * try {
 *   await verifySignature(rawBody, signatureHeader, secret);
 * } catch (error) {
 *   if (error instanceof WebhookVerificationError) return new Response(null, { status: 400 });
 *   throw error;
 * }
 */
export class WebhookVerificationError extends Error {
  // `declare`: set in the constructor, so no separate field definition is emitted.
  /** Which check failed. */
  declare readonly reason: WebhookVerificationReason;

  /** Creates the error; `message` must never contain a secret. */
  constructor(reason: WebhookVerificationReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WebhookVerificationError';
    this.reason = reason;
  }
}
