// puchify/webhooks: verify, parse and sign Puchify webhook deliveries with Web Crypto
// only, so this build runs in browsers, Deno, Bun, edge workers and Node 20+. Under the
// `node` export condition Node loads ./node.ts instead: the same API on node:crypto.
import { constructWith } from './construct-event';
import { signWith } from './sign-payload';
import type { SignOptions } from './sign-payload';
import type { SignatureHeaderInput } from './signature-header';
import { verifyWith } from './verify-signature';
import type { VerifyOptions } from './verify-signature';
import { webCrypto } from './web-crypto';
import type { WebhookEvent } from './webhook-event';
import type { WebhookPayload, WebhookSecret } from './webhook-input';

// Verification
/**
 * Checks that a delivery was signed by Puchify with `secret` within the tolerance, and
 * throws a `WebhookVerificationError` whose `reason` says what failed otherwise. A `v1`
 * matches only as the 64 lower-case hex digits Puchify writes; any other spelling,
 * upper-case hex included, is a `signature_mismatch` in both builds.
 * @example
 * await verifySignature(rawBody, request.headers.get('x-puchify-signature'), secret);
 */
export function verifySignature(
  payload: WebhookPayload,
  header: SignatureHeaderInput,
  secret: WebhookSecret,
  options?: VerifyOptions,
): Promise<void> {
  return verifyWith(webCrypto, payload, header, secret, options);
}

/**
 * Verifies a delivery like `verifySignature`, then parses it into a typed event; an
 * event type this SDK does not know yet comes back as an `UnknownWebhookEvent`.
 * @example
 * const event = await constructEvent(rawBody, signatureHeader, secret);
 * if (event.type === 'server.created') console.log(event.data.name);
 */
export function constructEvent(
  payload: WebhookPayload,
  header: SignatureHeaderInput,
  secret: WebhookSecret,
  options?: VerifyOptions,
): Promise<WebhookEvent> {
  return constructWith(webCrypto, payload, header, secret, options);
}

// Signing
/**
 * Signs a payload the way Puchify does and returns the `X-Puchify-Signature` value, for
 * tests and mock servers. Several secrets give one `v1=` each, as during rotation.
 * @example
 * const header = await signPayload(JSON.stringify(event), 'whsec_test', { timestamp: 1700000000 });
 */
export function signPayload(
  payload: WebhookPayload,
  secret: WebhookSecret,
  options?: SignOptions,
): Promise<string> {
  return signWith(webCrypto, payload, secret, options);
}

// Errors, deduplication and shared types, the same in both builds
export * from './shared-exports';
