// What both builds of puchify/webhooks export besides their three crypto-bound
// functions: errors, deduplication and types. index.ts and node.ts re-export it whole,
// so the two entry points cannot drift apart.
export { WebhookVerificationError } from './webhook-verification-error';
export type { WebhookVerificationReason } from './webhook-verification-error';
export { handleDeliveryOnce, MemoryDeliveryStore } from './dedupe';
export type { DeliveryOutcome, DeliveryStore, MemoryDeliveryStoreOptions } from './dedupe';
export type { SignOptions } from './sign-payload';
export type { SignatureHeaderInput } from './signature-header';
export type { VerifyOptions } from './verify-signature';
export type {
  KnownWebhookEvent,
  UnknownWebhookEvent,
  UnknownWebhookEventType,
  WebhookEvent,
  WebhookEventOf,
  WebhookEventType,
} from './webhook-event';
export type { WebhookPayload, WebhookSecret } from './webhook-input';
