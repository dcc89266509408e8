import type { webhooks } from '../generated/types';

// The JSON body of one entry under the spec's top-level `webhooks`.
type JsonBody<Hook> = Hook extends {
  post: { requestBody: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

/** Every event type the spec documents, such as `server.created`. */
export type WebhookEventType = keyof webhooks & string;

/**
 * The event of one type, exactly as the spec describes it.
 * @example
 * function onCreated(event: WebhookEventOf<'server.created'>) {
 *   return event.data.name; // a Server snapshot
 * }
 */
export type WebhookEventOf<T extends WebhookEventType> = JsonBody<webhooks[T]>;

/** An event of a type the spec documents: a union discriminated on `type`. */
export type KnownWebhookEvent = { [T in WebhookEventType]: WebhookEventOf<T> }[WebhookEventType];

declare const unknownEventType: unique symbol;

/**
 * The `type` of an event this SDK version does not know yet. At run time it is a plain
 * string. It is typed apart from `string` because a `string` member would keep every
 * `switch (event.type)` case from narrowing `data` to its known shape. Compare it as
 * `String(event.type) === 'new.type'`.
 */
// The wrapper type String, not string: only a non-primitive type lets the known
// literals narrow the union, while template strings and String() still accept it.
export type UnknownWebhookEventType = String & { readonly [unknownEventType]: true };

/**
 * An event whose `type` this SDK version does not know yet: Puchify may add event
 * types before the SDK catches up, and such events are passed through, not lost.
 */
export interface UnknownWebhookEvent {
  /** Event id (`evt_...`). */
  id: string;
  /** The event type, such as `quota.changed`; a string at run time. */
  type: UnknownWebhookEventType;
  /** When the event happened, ISO 8601 UTC. */
  created_at: string;
  /** The event's resource snapshot, as sent. */
  data: unknown;
}

/**
 * Any event `constructEvent` returns: a known event, narrowed by `switch (event.type)`,
 * or an unknown one, which reaches the `default` branch.
 */
export type WebhookEvent = KnownWebhookEvent | UnknownWebhookEvent;
