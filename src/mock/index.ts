// puchify/mock: the stateful reference mock of the Puchify API as MSW
// handlers, for tests under msw/node and for browsers under setupWorker.

// World
export { createMock } from './create-mock';
export type { CreateMockOptions, Mock } from './create-mock';
export type { LifecycleTimings } from './world';
export type { MockStore, ResourceRecord } from './mock-store';
export type { Collection, Page, PageQuery, SortOrder } from './store';

// Time
export { createManualClock, createRealClock } from './clock';
export type { MockClock, TimerHandle } from './clock';

// Faults and limits
export type { FaultHandle, FaultRegistry, FaultSpec, ProviderHealth } from './faults';
export type { RateLimitOptions } from './rate-limit';

// Webhook deliveries
export type { DeliveryRequest, DeliveryResult, DeliveryTransport } from './webhook-transport';
export type { WebhookOptions } from './webhook-url-policy';
export {
  DISABLE_AFTER_FAILURES,
  RETRY_DELAYS_MS,
  LATE_RETRY_INTERVAL_MS,
  RETRY_WINDOW_MS,
} from './webhook-delivery';
