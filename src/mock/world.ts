import type { components } from '../generated/types';
import { eventTypes } from '../generated/lifecycle';
import { KeyRing } from './auth';
import type { MockClock } from './clock';
import { FaultRegistry } from './faults';
import type { ProviderHealth } from './faults';
import { IdempotencyStore } from './idempotency';
import { newId } from './ids';
import { MockStore } from './mock-store';
import type { Operation } from './pipeline';
import { RateLimiter } from './rate-limit';
import type { RateLimitOptions } from './rate-limit';
import type { Router } from './router';
import type { WebhookEngine } from './webhook-engine';
import type { WebhookUrlPolicy } from './webhook-url-policy';

type Schemas = components['schemas'];
type LogEntry = Schemas['LogEntry'];

/** How long lifecycle steps take on the world's clock. */
export interface LifecycleTimings {
  /** creating -> operational (or failed). @default 2000 */
  provisionMs: number;
  /** Through an action's intermediate state (scaling, backing_up, deleting). @default 1000 */
  transitionMs: number;
  /** deleted -> destroyed. @default 30000 */
  destroyMs: number;
}

/** Settings a world keeps after creation. */
export interface WorldSettings {
  timings: LifecycleTimings;
  /** Decides per create body whether provisioning ends in `failed`. */
  failProvisioning: (resource: string, body: unknown) => boolean;
  /**
   * Oldest events are dropped past this count, bounding memory.
   * Limitation: a long-running mock forgets events older than the newest
   * 10,000 (and log entries likewise), which a real account would keep. Making
   * the bound a createMock option would let a long run keep more, in heap.
   */
  maxEvents: number;
  /** Oldest log entries are dropped past this count. */
  maxLogEntries: number;
  onBug: (error: unknown) => void;
  /** Says why a webhook URL is refused, or undefined when deliveries may go there. */
  webhookUrl: WebhookUrlPolicy;
}

const KNOWN_EVENT_TYPES = new Set<string>(eventTypes);

/**
 * The state of one mock world and the few things every handler does with it:
 * record an event, write a log line, schedule a lifecycle step.
 */
export class MockWorld {
  readonly faults = new FaultRegistry();
  readonly keys = new KeyRing();
  readonly store = new MockStore();
  readonly idempotency: IdempotencyStore;
  readonly rateLimiter: RateLimiter;
  /** Set by `createMock` once operations exist (they need the world). */
  router!: Router<Operation>;
  webhooks!: WebhookEngine;
  providerHealth: ProviderHealth = 'connected';
  teamId = newId('team_', 10);
  /** Host of the base URL, for URLs the mock hands out. */
  host = 'api.puchify.com';
  private readonly streamClosers = new Set<() => void>();
  private readonly changeListeners = new Set<() => void>();
  private readonly logListeners = new Set<(entry: LogEntry) => void>();

  constructor(
    readonly clock: MockClock,
    readonly basePath: string,
    readonly settings: WorldSettings,
    rateLimit: RateLimitOptions | undefined,
  ) {
    this.idempotency = new IdempotencyStore(clock);
    this.rateLimiter = new RateLimiter(clock, rateLimit);
  }

  /** The world's time as an ISO 8601 string. */
  isoNow(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** Reports a genuine bug in a handler (the 500 path). */
  reportBug(error: unknown): void {
    this.settings.onBug(error);
  }

  /** Records an audit event and hands it to the webhook engine. */
  recordEvent(type: string, resourceId: string | null, snapshot: { id: string }): void {
    // Only types the spec lists are emitted, so a consumer validating against
    // the EventType enum never sees one the mock made up.
    if (!KNOWN_EVENT_TYPES.has(type)) return;
    const event: Schemas['Event'] = {
      id: newId('evt_'),
      type,
      created_at: this.isoNow(),
      team_id: this.teamId,
      resource_id: resourceId,
      data: structuredClone(snapshot),
    };
    this.store.events.insert(event);
    this.store.events.trimTo(this.settings.maxEvents);
    this.webhooks.publish(event);
    this.changed();
  }

  /** Writes a log entry and sends it to open tails. */
  log(
    resource: { id: string },
    resourceKind: string,
    level: LogEntry['level'],
    message: string,
    attributes: Record<string, string> = {},
  ): void {
    const entry: LogEntry = {
      id: newId('log_'),
      timestamp: this.isoNow(),
      level,
      message,
      resource_id: resource.id,
      resource_kind: resourceKind,
      source: 'puchify',
      attributes,
    };
    this.store.logs.insert(entry);
    this.store.logs.trimTo(this.settings.maxLogEntries);
    for (const listener of this.logListeners) listener(entry);
  }

  /** Subscribes to new log entries; returns the unsubscribe function. */
  onLog(listener: (entry: LogEntry) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  /** Subscribes to state changes (the state file uses this). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Tells subscribers the state changed. */
  changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  /** Registers an open stream so reset and close can end it; returns the unregister function. */
  trackStream(close: () => void): () => void {
    this.streamClosers.add(close);
    return () => this.streamClosers.delete(close);
  }

  /** Forgets every listener and ends open streams (reset and close). */
  clearListeners(): void {
    for (const close of [...this.streamClosers]) close();
    this.streamClosers.clear();
    this.changeListeners.clear();
    this.logListeners.clear();
  }
}
