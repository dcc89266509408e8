import type { components } from '../generated/types';
import { signPayload } from '../webhooks';
import { randomBase62 } from './ids';
import { DISABLE_AFTER_FAILURES, WebhookDispatcher } from './webhook-delivery';
import type { AttemptOutcome, DeliveryTarget } from './webhook-delivery';
import type { DeliveryTransport } from './webhook-transport';
import type { MockWorld } from './world';

type Schemas = components['schemas'];

/** How long a rotated-out secret still signs deliveries: 24 hours. */
export const PREVIOUS_SECRET_TTL_MS = 24 * 60 * 60 * 1000;

/** An endpoint's signing secrets. Kept apart from the record the API shows. */
export interface EndpointSecrets {
  current: string;
  previous: string | null;
  previousExpiresAt: number | null;
}

/**
 * Connects events to webhook endpoints: picks the endpoints an event goes to,
 * keeps delivery history in the store, and disables an endpoint after 50
 * failed attempts in a row.
 */
export class WebhookEngine {
  readonly secrets = new Map<string, EndpointSecrets>();
  private readonly dispatcher: WebhookDispatcher;

  constructor(
    private readonly world: MockWorld,
    transport: DeliveryTransport,
  ) {
    this.dispatcher = new WebhookDispatcher({
      clock: world.clock,
      transport,
      sign: (body, secrets, timestamp) => signPayload(body, secrets, { timestamp }),
      resolveTarget: (id) => this.target(id),
      onAttempt: (outcome) => this.record(outcome),
    });
  }

  /** Sends an event to every enabled endpoint that subscribed to its type. */
  publish(event: Schemas['Event']): void {
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      created_at: event.created_at,
      team_id: event.team_id,
      data: event.data,
    });
    for (const endpoint of this.world.store.webhookEndpoints.values()) {
      if (!endpoint.enabled || endpoint.status !== 'active') continue;
      if (!endpoint.events.includes('*') && !endpoint.events.includes(event.type)) continue;
      const target = this.target(endpoint.id);
      if (!target) continue;
      const id = this.dispatcher.deliver(target, { id: event.id, type: event.type, body });
      this.world.store.webhookDeliveries.insert({
        id,
        endpoint_id: endpoint.id,
        event_id: event.id,
        event_type: event.type,
        status: 'pending',
        attempt: 1,
        response_status: null,
        next_attempt_at: null,
        created_at: this.world.isoNow(),
        delivered_at: null,
      });
    }
  }

  /** Creates the first secret of an endpoint; returns it. */
  createSecret(endpointId: string): string {
    const secret = `whsec_${randomBase62(40)}`;
    this.secrets.set(endpointId, { current: secret, previous: null, previousExpiresAt: null });
    return secret;
  }

  /** Replaces an endpoint's secret; the old one keeps signing for 24 hours. */
  rotateSecret(endpointId: string): { secret: string; previousExpiresAt: number } {
    const old = this.secrets.get(endpointId);
    const secret = `whsec_${randomBase62(40)}`;
    const previousExpiresAt = this.world.clock.now() + PREVIOUS_SECRET_TTL_MS;
    this.secrets.set(endpointId, {
      current: secret,
      previous: old?.current ?? null,
      previousExpiresAt,
    });
    return { secret, previousExpiresAt };
  }

  /** Stops every retry to an endpoint (deleted or disabled). */
  stop(endpointId: string): void {
    this.dispatcher.cancelEndpoint(endpointId);
  }

  /** Resolves once every delivery attempt started so far has finished. */
  settled(): Promise<void> {
    return this.dispatcher.settled();
  }

  clear(): void {
    this.dispatcher.clear();
    this.secrets.clear();
  }

  private target(endpointId: string): DeliveryTarget | undefined {
    const endpoint = this.world.store.webhookEndpoints.get(endpointId);
    const secrets = this.secrets.get(endpointId);
    if (!endpoint || !secrets || !endpoint.enabled || endpoint.status !== 'active') {
      return undefined;
    }
    // The API refuses such URLs already; this also covers an endpoint loaded
    // from a state file written under another allow-list.
    if (this.world.settings.webhookUrl(endpoint.url) !== undefined) return undefined;
    const valid = [secrets.current];
    if (secrets.previous && (secrets.previousExpiresAt ?? 0) > this.world.clock.now()) {
      valid.push(secrets.previous);
    }
    return { id: endpoint.id, url: endpoint.url, secrets: valid };
  }

  private record(outcome: AttemptOutcome): void {
    const now = this.world.isoNow();
    const delivery = this.world.store.webhookDeliveries.get(outcome.deliveryId);
    if (delivery) {
      this.world.store.webhookDeliveries.replace({
        ...delivery,
        attempt: outcome.attempt,
        status: outcome.isSuccess ? 'succeeded' : outcome.nextAttemptAt ? 'pending' : 'failed',
        response_status: outcome.responseStatus,
        next_attempt_at: outcome.nextAttemptAt
          ? new Date(outcome.nextAttemptAt).toISOString()
          : null,
        delivered_at: outcome.isSuccess ? now : null,
      });
    }
    const endpoint = this.world.store.webhookEndpoints.get(outcome.endpointId);
    if (!endpoint) return;
    const failures = outcome.isSuccess ? 0 : endpoint.consecutive_failures + 1;
    const isDisabling = failures >= DISABLE_AFTER_FAILURES && endpoint.status === 'active';
    const next = {
      ...endpoint,
      consecutive_failures: failures,
      ...(isDisabling ? { enabled: false, status: 'disabled', updated_at: now } : {}),
    };
    this.world.store.webhookEndpoints.replace(next);
    if (isDisabling) {
      this.stop(endpoint.id);
      this.world.recordEvent('webhook_endpoint.disabled', endpoint.id, next);
    }
    this.world.changed();
  }
}
