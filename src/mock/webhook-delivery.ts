import type { MockClock, TimerHandle } from './clock';
import { newId } from './ids';
import type { DeliveryTransport } from './webhook-transport';

/** Delay before each retry after a failed first attempt: 1 s, 5 s, 25 s, 125 s, 625 s. */
export const RETRY_DELAYS_MS = [1_000, 5_000, 25_000, 125_000, 625_000] as const;
/** After the listed delays, retries come every 10 minutes... */
export const LATE_RETRY_INTERVAL_MS = 10 * 60 * 1000;
/** ...until 24 hours after the first attempt. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Consecutive failed attempts after which an endpoint is disabled. */
export const DISABLE_AFTER_FAILURES = 50;
/** Real time an attempt may take before it counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** Delay before retry number `retry` (1-based), or undefined once the window is spent. */
export function retryDelayMs(retry: number, elapsedMs: number): number | undefined {
  const delay = RETRY_DELAYS_MS[retry - 1] ?? LATE_RETRY_INTERVAL_MS;
  return elapsedMs + delay > RETRY_WINDOW_MS ? undefined : delay;
}

/** What the dispatcher needs to know of an endpoint. */
export interface DeliveryTarget {
  id: string;
  url: string;
  /** Secrets to sign with; several while a rotated-out secret is still valid. */
  secrets: string[];
}

/** An event to deliver: its type and the exact JSON body to send. */
export interface OutgoingEvent {
  id: string;
  type: string;
  body: string;
}

/** Bookkeeping the dispatcher reports after each attempt. */
export interface AttemptOutcome {
  deliveryId: string;
  endpointId: string;
  event: OutgoingEvent;
  attempt: number;
  isSuccess: boolean;
  responseStatus: number | null;
  error: string | null;
  /** Epoch ms of the next attempt, or null when none will follow. */
  nextAttemptAt: number | null;
}

/** Signs a body, returning the full `X-Puchify-Signature` value. */
export type Signer = (body: string, secrets: string[], timestampSeconds: number) => Promise<string>;

interface DispatcherOptions {
  clock: MockClock;
  transport: DeliveryTransport;
  sign: Signer;
  /** Looks an endpoint up again before each retry: it may be gone or disabled. */
  resolveTarget: (endpointId: string) => DeliveryTarget | undefined;
  onAttempt: (outcome: AttemptOutcome) => void;
}

interface PendingDelivery {
  id: string;
  endpointId: string;
  event: OutgoingEvent;
  attempt: number;
  firstAttemptAt: number;
  timer?: TimerHandle;
}

/**
 * Delivers events to webhook endpoints over HTTP and retries failures on the
 * world's clock, so a manual clock replays the whole schedule in a test.
 */
export class WebhookDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly pending = new Map<string, PendingDelivery>();

  constructor(private readonly options: DispatcherOptions) {}

  /** Starts a delivery of `event` to `target` now; returns the delivery id. */
  deliver(target: DeliveryTarget, event: OutgoingEvent): string {
    const delivery: PendingDelivery = {
      id: newId('del_'),
      endpointId: target.id,
      event,
      attempt: 0,
      firstAttemptAt: this.options.clock.now(),
    };
    this.pending.set(delivery.id, delivery);
    this.track(this.attempt(delivery));
    return delivery.id;
  }

  /** Stops retrying every delivery to an endpoint (deleted or disabled). */
  cancelEndpoint(endpointId: string): void {
    for (const delivery of this.pending.values()) {
      if (delivery.endpointId !== endpointId) continue;
      if (delivery.timer) this.options.clock.clear(delivery.timer);
      this.pending.delete(delivery.id);
    }
  }

  /** Resolves once every attempt started so far has finished. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Cancels every retry; attempts already on the wire finish unobserved. */
  clear(): void {
    for (const delivery of this.pending.values()) {
      if (delivery.timer) this.options.clock.clear(delivery.timer);
    }
    this.pending.clear();
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return work;
  }

  private async attempt(delivery: PendingDelivery): Promise<void> {
    const target = this.options.resolveTarget(delivery.endpointId);
    if (!target || !this.pending.has(delivery.id)) {
      this.pending.delete(delivery.id);
      return;
    }
    delivery.attempt += 1;
    const { status, error } = await this.send(target, delivery);
    const isSuccess = status !== null && status >= 200 && status < 300;
    const elapsedMs = this.options.clock.now() - delivery.firstAttemptAt;
    const delayMs = isSuccess ? undefined : retryDelayMs(delivery.attempt, elapsedMs);
    const nextAttemptAt = delayMs === undefined ? null : this.options.clock.now() + delayMs;

    if (nextAttemptAt === null) this.pending.delete(delivery.id);
    this.options.onAttempt({
      deliveryId: delivery.id,
      endpointId: delivery.endpointId,
      event: delivery.event,
      attempt: delivery.attempt,
      isSuccess,
      responseStatus: status,
      error,
      nextAttemptAt,
    });
    // onAttempt may have disabled the endpoint, which cancels this delivery.
    if (delayMs !== undefined && this.pending.has(delivery.id)) {
      delivery.timer = this.options.clock.schedule(
        () => this.track(this.attempt(delivery)),
        delayMs,
      );
    }
  }

  private async send(
    target: DeliveryTarget,
    delivery: PendingDelivery,
  ): Promise<{ status: number | null; error: string | null }> {
    try {
      const timestamp = Math.floor(this.options.clock.now() / 1000);
      const signature = await this.options.sign(delivery.event.body, target.secrets, timestamp);
      const result = await this.options.transport({
        url: target.url,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Puchify-Webhooks/1.0 (mock)',
          'X-Puchify-Signature': signature,
          'X-Puchify-Event': delivery.event.type,
          'X-Puchify-Delivery': delivery.id,
        },
        body: delivery.event.body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      return { status: result.status, error: null };
    } catch (error) {
      const isTimeout = error instanceof Error && error.name === 'TimeoutError';
      return {
        status: null,
        error: isTimeout
          ? `The endpoint did not answer within ${DELIVERY_TIMEOUT_MS / 1000} s.`
          : `The request failed: ${error instanceof Error ? error.message : String(error)}.`,
      };
    }
  }
}
