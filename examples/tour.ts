// A guided tour of the SDK against a running Puchify mock, over real HTTP.
// `npm start` starts the mocks and calls runTour(); each step below is a short,
// self-contained use of the client. In your project the imports are
// `from 'puchify'` and `from 'puchify/webhooks'`.
import { ConflictError, Puchify } from '../src/index';
import type { Server } from '../src/index';
import { signPayload } from '../src/webhooks/node';
import type { WebhookEvent } from '../src/webhooks/node';
import { startWebhookReceiver } from './webhook-receiver';
import type { WebhookReceiver } from './webhook-receiver';

/** Where a mock listens and the key it accepts. */
export interface TourTarget {
  baseUrl: string;
  apiKey: string;
}

/** What the tour runs against. */
export interface TourOptions {
  /** The mock with the seeded demo world. */
  main: TourTarget;
  /** A second mock with a low rate limit, for the rate-limit step. */
  throttled: TourTarget & { limit: number; windowMs: number };
  /** Where the account goes. @default console.log */
  print?: (line: string) => void;
}

/** A tour step that failed: which one, and the error it threw as `cause`. */
export class TourStepError extends Error {
  constructor(
    readonly step: number,
    readonly title: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Step ${step} (${title}) failed: ${reason}`, { cause });
    this.name = 'TourStepError';
  }
}

/** What the steps share as the tour goes. */
interface Tour {
  client: Puchify;
  options: TourOptions;
  say: (line: string) => void;
  server?: Server;
  receiver?: WebhookReceiver;
  endpointId?: string;
  events: WebhookEvent[];
}

interface Step {
  title: string;
  run: (tour: Tour) => Promise<void>;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

// Step 1
async function createAndWait(tour: Tour): Promise<void> {
  const name = `tour-${Date.now().toString(36)}`;
  const { data: created } = await tour.client.servers.create({
    name,
    plan: 'shared-2',
    region: 'us-east',
    image: 'ubuntu-24.04',
  });
  tour.say(`created ${created.id} "${name}", status ${created.status}`);
  tour.server = await tour.client.servers.waitFor(created.id, {
    until: 'running',
    intervalMs: 400,
    backoff: 1,
    timeoutMs: 15_000,
    onProgress: (server, { attempt, elapsedMs }) =>
      tour.say(`  poll ${attempt} at ${seconds(elapsedMs)}: ${server.status}`),
  });
  tour.say(`${created.id} is ${tour.server.status}`);
}

// Step 2
async function listAcrossPages(tour: Tour): Promise<void> {
  const pageSizes: number[] = [];
  for await (const page of tour.client.servers.list({ limit: 50 }).pages()) {
    pageSizes.push(page.data.length);
  }
  tour.say(`pages of 50: ${pageSizes.join(' + ')} servers`);

  // The same list as one stream of items: the paginator fetches pages lazily.
  const byStatus = new Map<string, number>();
  for await (const server of tour.client.servers.list({ limit: 50 })) {
    byStatus.set(server.status, (byStatus.get(server.status) ?? 0) + 1);
  }
  const total = [...byStatus.values()].reduce((sum, n) => sum + n, 0);
  const counts = [...byStatus].map(([status, n]) => `${n} ${status}`).join(', ');
  tour.say(`for await over every item: ${total} servers (${counts})`);
  if (total < 100) throw new Error(`Expected the demo world's 100+ servers; listed ${total}.`);
}

// Step 3
async function registerWebhook(tour: Tour): Promise<void> {
  let secret: string | undefined;
  tour.receiver = await startWebhookReceiver({
    secret: () => secret,
    onEvent: (event) => tour.events.push(event),
  });
  const { data: endpoint } = await tour.client.webhookEndpoints.create({
    url: tour.receiver.url,
    description: 'SDK tour receiver',
    events: ['server.stopped', 'server.running'],
  });
  secret = endpoint.secret;
  tour.endpointId = endpoint.id;
  tour.say(`receiver listening on ${tour.receiver.url}`);
  tour.say(`registered ${endpoint.id} for server.stopped and server.running`);

  // A delivery signed with any other secret is refused before it is parsed.
  const body = JSON.stringify({ id: 'evt_forged', type: 'server.stopped', created_at: '' });
  const forged = await fetch(tour.receiver.url, {
    method: 'POST',
    headers: { 'x-puchify-signature': await signPayload(body, 'whsec_not_the_real_one') },
    body,
  });
  tour.say(`a forged delivery is refused: ${forged.status} ${await forged.text()}`);
}

/** Waits (bounded) until the receiver has verified an event of `type` for `id`. */
async function nextDelivery(tour: Tour, type: string, id: string): Promise<WebhookEvent> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const event = tour.events.find(
      (e) => e.type === type && (e.data as { id?: string } | null)?.id === id,
    );
    if (event) return event;
    if (Date.now() > deadline) throw new Error(`No verified ${type} delivery within 5 s.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Step 4
async function stopAndStart(tour: Tour): Promise<void> {
  const id = requireServer(tour).id;
  for (const [action, status] of [
    ['stop', 'stopped'],
    ['start', 'running'],
  ] as const) {
    const { data } = await tour.client.servers[action](id);
    tour.say(`${action}: 202, status ${data.status}`);
    const server = await tour.client.servers.waitFor(id, { until: status, intervalMs: 250 });
    const event = await nextDelivery(tour, `server.${status}`, id);
    tour.say(`  ${server.status}; webhook ${event.type} (${event.id}) arrived, signature verified`);
  }
  const { data: deliveries } = await tour.client.webhookEndpoints.listDeliveries(
    tour.endpointId ?? '',
  );
  const mine = deliveries
    .filter((d) => tour.events.some((e) => e.id === d.event_id))
    .map((d) => `${d.event_type} ${d.status} (${d.response_status})`);
  tour.say(`deliveries on record: ${mine.join(', ')}`);
}

// Step 5
async function showConflict(tour: Tour): Promise<void> {
  const id = requireServer(tour).id;
  try {
    await tour.client.servers.start(id);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    tour.say(`start on a running server: ${error.status} ${error.code}`);
    tour.say(`  "${error.message}"`);
    return;
  }
  throw new Error('Starting a running server succeeded; expected 409 invalid_state_transition.');
}

// Step 6
async function honourRateLimit(tour: Tour): Promise<void> {
  const { baseUrl, apiKey, limit, windowMs } = tour.options.throttled;
  let refusals = 0;
  let waitedMs = 0;
  const client = new Puchify({
    baseUrl,
    apiKey,
    maxRetries: 5,
    hooks: {
      onRetry: ({ error, delayMs }) => {
        if (error.name === 'RateLimitError') refusals += 1;
        waitedMs = Math.max(waitedMs, delayMs);
      },
    },
  });
  const burst = limit * 3;
  tour.say(`${burst} requests at once against a limit of ${limit} per ${seconds(windowMs)}`);
  const startedAt = Date.now();
  await Promise.all(Array.from({ length: burst }, () => client.servers.list({ limit: 1 })));
  const tookMs = Date.now() - startedAt;
  tour.say(`${refusals} answers were 429 rate_limited; the client waited up to ${waitedMs} ms`);
  tour.say(`  as Retry-After asked, and all ${burst} succeeded in ${seconds(tookMs)}`);
  if (refusals === 0) throw new Error('The burst met no 429; the rate limit was not exercised.');
}

// Step 7
async function deleteSoftly(tour: Tour): Promise<void> {
  const id = requireServer(tour).id;
  const { data: deleted } = await tour.client.servers.delete(id);
  tour.say(`delete: 202, status ${deleted.status}, deleted_at ${deleted.deleted_at}`);
  const { data: again } = await tour.client.servers.get(id);
  tour.say(`still readable: GET ${id} says ${again.status}`);
  let isListed = false;
  for await (const server of tour.client.servers.list({ status: 'deleted', limit: 100 })) {
    isListed ||= server.id === id;
  }
  tour.say(`listed by servers.list({ status: 'deleted' }): ${isListed ? 'yes' : 'no'}`);
  if (!isListed) throw new Error(`${id} is missing from the deleted servers.`);
}

function requireServer(tour: Tour): Server {
  if (!tour.server) throw new Error('No server: the first step did not create one.');
  return tour.server;
}

const STEPS: Step[] = [
  { title: 'Create a server and wait until it is running', run: createAndWait },
  { title: 'List every server across pages', run: listAcrossPages },
  { title: 'Register a webhook endpoint on a local receiver', run: registerWebhook },
  { title: 'Stop and start the server; webhooks arrive', run: stopAndStart },
  { title: 'An action the current state does not allow', run: showConflict },
  { title: 'A rate limit, honoured', run: honourRateLimit },
  { title: 'Delete the server: a soft delete', run: deleteSoftly },
];

/** Runs every step in order; throws a TourStepError naming the first that fails. */
export async function runTour(options: TourOptions): Promise<void> {
  const print = options.print ?? ((line: string) => console.log(line));
  const client = new Puchify({ apiKey: options.main.apiKey, baseUrl: options.main.baseUrl });
  const tour: Tour = { client, options, say: (line) => print(`   ${line}`), events: [] };
  try {
    for (const [index, step] of STEPS.entries()) {
      print(`\n${index + 1}. ${step.title}`);
      try {
        await step.run(tour);
      } catch (error) {
        throw new TourStepError(index + 1, step.title, error);
      }
    }
  } finally {
    await tour.receiver?.close();
  }
}
