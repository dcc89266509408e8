import { http } from 'msw';
import type { RequestHandler } from 'msw';
import { SESSION_COOKIE, generateApiKey } from './auth';
import { createManualClock, createRealClock } from './clock';
import type { MockClock } from './clock';
import type { FaultRegistry } from './faults';
import { issueApiKey } from './api-key-operations';
import { resumeLifecycles } from './lifecycle-operations';
import type { MockStore } from './mock-store';
import { buildRouter } from './operations';
import { handleRequest } from './pipeline';
import type { RateLimitOptions } from './rate-limit';
import { seedDemo } from './seed';
import { assertMockRuntime } from './runtime';
import { restoreSnapshot, takeSnapshot } from './snapshot';
import { WebhookEngine } from './webhook-engine';
import { fetchTransport } from './webhook-transport';
import type { DeliveryTransport } from './webhook-transport';
import { createWebhookUrlPolicy } from './webhook-url-policy';
import type { WebhookOptions } from './webhook-url-policy';
import { MockWorld } from './world';
import type { LifecycleTimings } from './world';

/** Options of `createMock`. */
export interface CreateMockOptions {
  /** Origin (and optional path) the handlers answer under. @default 'https://api.puchify.com' */
  baseUrl?: string;
  /** A key to accept, e.g. `pk_test_...`. @default a fresh random key */
  apiKey?: string;
  /**
   * `'manual'` stops time until `mock.clock.advance(ms)`; `'real'` follows
   * the wall clock. A custom clock may be passed too. @default 'real'
   */
  clock?: 'real' | 'manual' | MockClock;
  /** Start of a manual clock. @default the current time */
  startTime?: Date | number;
  /** `'demo'` fills the world with a few hundred resources, logs, usage and events. */
  seed?: 'demo' | 'empty';
  /** Per-key rate limit. @default { limit: 1000, windowMs: 60_000 } */
  rateLimit?: RateLimitOptions;
  /** Lifecycle step durations. @default { provisionMs: 2000, transitionMs: 1000, destroyMs: 30000 } */
  timings?: Partial<LifecycleTimings>;
  /**
   * Makes provisioning end in `failed` when it returns true for a create body.
   * @example
   * createMock({ failProvisioning: (body) => body.name === 'doomed' });
   */
  failProvisioning?: (body: Record<string, unknown>, resource: string) => boolean;
  /**
   * Sends webhook deliveries. With one given, endpoints may point anywhere:
   * your transport decides where a delivery goes.
   * @default a real HTTP POST through fetch, bypassing MSW, to loopback or
   * `webhooks.allowHosts` only
   */
  deliver?: DeliveryTransport;
  /**
   * Where the default transport may deliver. Endpoint URLs on other hosts are
   * refused with 422, so an API key cannot aim the mock at the network around it.
   * @default { allowHosts: [] } (loopback only)
   */
  webhooks?: WebhookOptions;
  /** Called with any error that made the mock answer 500 (a bug in the mock). */
  onUnexpectedError?: (error: unknown) => void;
  /** A snapshot from `mock.snapshot()` to start from (the state file uses this). */
  state?: unknown;
}

/** One isolated mock world and the MSW handlers that serve it. */
export interface Mock {
  /** MSW request handlers: `setupServer(...mock.handlers)` or `setupWorker(...)`. */
  handlers: RequestHandler[];
  /** A ready API key: `Authorization: Bearer ${mock.apiKey}`. */
  apiKey: string;
  /** A ready browser session as a `Cookie` header pair: `puchify_session=...`. */
  sessionCookie: string;
  /** The base URL the handlers answer under. */
  baseUrl: string;
  /** The world's records: read them to judge a test, or write them to set one up. */
  store: MockStore;
  /** The clock lifecycles and webhook retries run on; `advance(ms)` when manual. */
  clock: MockClock;
  /** Faults as data: `faults.add({ method, path, status, times, ... })`. */
  faults: FaultRegistry;
  /** Answers a request directly, without MSW (the standalone server uses it too). */
  fetch(request: Request): Promise<Response>;
  /** Resolves once every webhook delivery attempt started so far has finished. */
  settled(): Promise<void>;
  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** The world as JSON-safe data (API keys and secrets as stored: hashes, not keys). */
  snapshot(): unknown;
  /** Empties the world (and reseeds it), keeping `apiKey` and `sessionCookie` valid. */
  reset(): void;
  /** Stops every timer, retry and open stream. */
  close(): void;
}

const DEFAULT_TIMINGS: LifecycleTimings = {
  provisionMs: 2_000,
  transitionMs: 1_000,
  destroyMs: 30_000,
};

const pickClock = (options: CreateMockOptions): MockClock => {
  if (typeof options.clock === 'object') return options.clock;
  if (options.clock !== 'manual') return createRealClock();
  const start = options.startTime;
  return createManualClock(start === undefined ? Date.now() : new Date(start).getTime());
};

/**
 * Creates a fresh, isolated Puchify world with MSW handlers for every
 * operation of the API. Throws at once on a Node.js older than 22.12, which
 * msw 3 does not run on.
 * @example
 * const mock = createMock({ clock: 'manual' });
 * const server = setupServer(...mock.handlers);
 */
export function createMock(options: CreateMockOptions = {}): Mock {
  assertMockRuntime();
  const baseUrl = (options.baseUrl ?? 'https://api.puchify.com').replace(/\/+$/, '');
  const parsedBase = new URL(baseUrl);
  const clock = pickClock(options);
  const failProvisioning = options.failProvisioning;
  const world = new MockWorld(
    clock,
    parsedBase.pathname === '/' ? '' : parsedBase.pathname,
    {
      timings: { ...DEFAULT_TIMINGS, ...options.timings },
      failProvisioning: (resource, body) =>
        failProvisioning?.(body as Record<string, unknown>, resource) ?? false,
      maxEvents: 10_000,
      maxLogEntries: 10_000,
      onBug: options.onUnexpectedError ?? (() => undefined),
      webhookUrl: createWebhookUrlPolicy({
        allowHosts: options.webhooks?.allowHosts,
        hasOwnTransport: options.deliver !== undefined,
      }),
    },
    options.rateLimit,
  );
  world.host = parsedBase.host;
  world.router = buildRouter();
  world.webhooks = new WebhookEngine(world, options.deliver ?? fetchTransport);
  clock.waitBeforeFiring(() => world.webhooks.settled());

  const apiKey = options.apiKey ?? generateApiKey();
  let sessionToken = '';
  const populate = (state: unknown): void => {
    if (state !== undefined) {
      restoreSnapshot(world, state);
      resumeLifecycles(world);
    } else if (options.seed === 'demo') {
      seedDemo(world);
    }
    const credentialId = world.keys.find(apiKey)?.id ?? issueApiKey(world, apiKey, 'default').id;
    sessionToken = world.keys.openSession(credentialId);
  };
  populate(options.state);

  // A predicate rather than a URL pattern: msw's pattern matching throws on URLs past
  // 8192 characters, which the pipeline answers itself.
  const handler = http.all(
    ({ request }) => request.url.startsWith(`${baseUrl}/`),
    ({ request }) => handleRequest(world, request),
  );
  const mock: Mock = {
    handlers: [handler],
    apiKey,
    get sessionCookie() {
      return `${SESSION_COOKIE}=${sessionToken}`;
    },
    baseUrl,
    store: world.store,
    clock,
    faults: world.faults,
    fetch: (request) => handleRequest(world, request),
    settled: () => world.webhooks.settled(),
    onChange: (listener) => world.onChange(listener),
    snapshot: () => takeSnapshot(world),
    reset() {
      clearWorld(world);
      populate(undefined);
    },
    close() {
      clearWorld(world);
    },
  };
  return mock;
}

function clearWorld(world: MockWorld): void {
  world.clock.clearAll();
  world.webhooks.clear();
  world.clearListeners();
  world.faults.clear();
  world.rateLimiter.clear();
  world.idempotency.clear();
  world.keys.clear();
  for (const collection of Object.values(world.store.all())) collection.clear();
  world.providerHealth = 'connected';
}
