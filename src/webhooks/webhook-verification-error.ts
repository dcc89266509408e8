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

// The browser build and the Node build each bundle their own copy of this class, and
// a bundle may hold both ESM and CJS copies. A registered symbol lets `instanceof`
// recognise an error from any copy, so a catch block never depends on which build ran.
const BRAND = Symbol.for('puchify.WebhookVerificationError');

/**
 * Thrown when a webhook delivery cannot be trusted; `reason` says which check failed.
 * The message says what to do next and never contains the secret.
 * @example
 * try {
 *   await verifySignature(rawBody, signatureHeader, secret);
 * } catch (error) {
 *   if (error instanceof WebhookVerificationError) return new Response(null, { status: 400 });
 *   throw error;
 * }
 */
export class WebhookVerificationError extends Error {
  /** Which check failed. */
  readonly reason: WebhookVerificationReason;

  /** Creates the error; `message` must never contain a secret. */
  constructor(reason: WebhookVerificationReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WebhookVerificationError';
    this.reason = reason;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}
