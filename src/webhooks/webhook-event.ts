/**
 * An event whose `type` this version of the SDK does not know yet: Puchify may add
 * event types before the SDK catches up, and such events are passed through, not lost.
 */
export interface UnknownWebhookEvent {
  /** Event id (`evt_...`). */
  id: string;
  /** The event type, e.g. `server.created`. */
  type: string;
  /** When the event happened, ISO 8601 UTC. */
  created_at: string;
  /** The event's resource snapshot, as sent. */
  data: unknown;
  [field: string]: unknown;
}

/** Any event `constructEvent` returns. */
export type WebhookEvent = UnknownWebhookEvent;
