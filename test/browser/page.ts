// The browser test page: it runs each step and reports on window.__results. It imports the
// entry points' sources so the repository type-checks it before a build; harness.ts bundles
// it with those imports pointed at the built package (`puchify`, `puchify/webhooks`,
// `puchify/mock`). The mock answers https://api.puchify.com from msw's service worker.
import { setupWorker } from 'msw/browser';
import { Puchify } from '../../src/index';
import { createMock } from '../../src/mock/index';
import type { DeliveryRequest, Mock } from '../../src/mock/index';
import {
  constructEvent,
  signPayload,
  verifySignature,
  WebhookVerificationError,
} from '../../src/webhooks/index';
import vectorsJson from '../webhooks/vectors.json';
import type { SignatureVector } from '../webhooks/vector-cases';
import type { PageResults, StepResult, VectorOutcome } from './results';

declare global {
  interface Window {
    __results?: PageResults;
  }
}

const vectors = vectorsJson as SignatureVector[];
const serverBody = { plan: 'shared-2', region: 'us-east' } as const;

async function step(run: () => Promise<unknown>): Promise<StepResult> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { ok: false, error: text };
  }
}

function vectorPayload(vector: SignatureVector): string | Uint8Array | ArrayBuffer {
  if (vector.bodyAs === 'string') return vector.body;
  const bytes = new TextEncoder().encode(vector.body);
  return vector.bodyAs === 'bytes' ? bytes : bytes.buffer;
}

/** Runs every shared signature vector against the Web Crypto build. */
async function runVectors(): Promise<VectorOutcome[]> {
  return Promise.all(
    vectors.map(async (vector) => {
      try {
        await verifySignature(vectorPayload(vector), vector.header, vector.secret, {
          now: vector.nowSec * 1000,
        });
        return { name: vector.name, outcome: 'valid' };
      } catch (error) {
        const outcome =
          error instanceof WebhookVerificationError ? error.reason : `unexpected: ${String(error)}`;
        return { name: vector.name, outcome };
      }
    }),
  );
}

/** Signs a fresh delivery in the page and verifies it with the current clock. */
async function signAndVerify(): Promise<string> {
  const body = JSON.stringify({ id: 'evt_browser', type: 'server.created', data: {} });
  const header = await signPayload(body, 'whsec_browser');
  await verifySignature(body, header, 'whsec_browser');
  return header;
}

/** Creates a server through the client; the mock answers from the service worker. */
async function create(puchify: Puchify): Promise<unknown> {
  const created = await puchify.servers.create({ name: 'browser-1', ...serverBody });
  const read = await puchify.servers.get(created.data.id);
  return { id: created.data.id, status: created.data.status, readBack: read.data.id };
}

/** Walks every page of a list two items at a time, item by item and page by page. */
async function paginate(puchify: Puchify): Promise<unknown> {
  for (let index = 0; index < 4; index++) {
    await puchify.servers.create({ name: `page-${index}`, ...serverBody });
  }
  const items: string[] = [];
  for await (const server of puchify.servers.list({ limit: 2 })) items.push(server.name);
  const pageSizes: number[] = [];
  for await (const page of puchify.servers.list({ limit: 2 }).pages()) {
    pageSizes.push(page.data.length);
  }
  const first = await puchify.servers.list({ limit: 2 });
  return {
    items,
    pageSizes,
    firstPage: first.data.length,
    hasMore: first.meta.next_cursor !== null,
  };
}

/** Creates a server and polls it until the mock's lifecycle makes it operational. */
async function waitFor(puchify: Puchify): Promise<unknown> {
  const created = await puchify.servers.create({ name: 'wait-1', ...serverBody });
  const seen: string[] = [];
  const ready = await puchify.servers.waitFor(created.data.id, {
    until: 'running',
    intervalMs: 25,
    backoff: 1,
    timeoutMs: 10_000,
    onProgress: (server) => seen.push(server.status),
  });
  return { before: created.data.status, after: ready.status, seen };
}

/** Registers an endpoint, lets the mock sign a delivery, and verifies it in the page. */
async function webhookDelivery(
  puchify: Puchify,
  mock: Mock,
  deliveries: DeliveryRequest[],
): Promise<unknown> {
  const endpoint = await puchify.webhookEndpoints.create({
    url: 'https://hooks.puchify.test/receive',
    events: ['server.created'],
  });
  const created = await puchify.servers.create({ name: 'hooked-1', ...serverBody });
  await mock.settled();
  const delivery = deliveries.find((request) => request.body.includes(created.data.id));
  if (!delivery) throw new Error(`No delivery arrived; ${deliveries.length} were sent.`);
  const header = delivery.headers['X-Puchify-Signature'] ?? '';
  const event = await constructEvent(delivery.body, header, endpoint.data.secret);
  const forged = await verifySignature(delivery.body.replace('hooked-1', 'forged-1'), header, [
    endpoint.data.secret,
  ]).then(
    () => 'accepted',
    (error: unknown) => (error instanceof WebhookVerificationError ? error.reason : String(error)),
  );
  return { type: event.type, mentionsServer: delivery.body.includes(created.data.id), forged };
}

async function main(): Promise<void> {
  const steps: Record<string, StepResult> = {};
  steps['vectors'] = await step(runVectors);
  steps['signAndVerify'] = await step(signAndVerify);

  // The mock in msw's service worker; deliveries are captured instead of POSTed.
  const deliveries: DeliveryRequest[] = [];
  const mock = createMock({
    timings: { provisionMs: 150, transitionMs: 50 },
    deliver: async (request) => {
      deliveries.push(request);
      return { status: 204 };
    },
  });
  const worker = setupWorker(...mock.handlers);
  steps['worker'] = await step(() => worker.start({ quiet: true, onUnhandledFrame: 'error' }));
  const puchify = new Puchify({ apiKey: mock.apiKey, dangerouslyAllowBrowser: true });
  steps['create'] = await step(() => create(puchify));
  steps['paginate'] = await step(() => paginate(puchify));
  steps['waitFor'] = await step(() => waitFor(puchify));
  steps['webhookDelivery'] = await step(() => webhookDelivery(puchify, mock, deliveries));
  window.__results = { userAgent: navigator.userAgent, steps };
}

void main();
