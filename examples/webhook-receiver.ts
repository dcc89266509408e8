// A webhook receiver on plain node:http: it reads the raw body, verifies the
// X-Puchify-Signature with puchify/webhooks and hands on the typed event.
// In your project the import is `from 'puchify/webhooks'`.
//
// Run it:  PUCHIFY_WEBHOOK_SECRET=whsec_... npx tsx examples/webhook-receiver.ts
// then register http://127.0.0.1:8787/ as a webhook endpoint (the tour does that).
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { constructEvent, WebhookVerificationError } from '../src/webhooks/node';
import type { WebhookEvent } from '../src/webhooks/node';

/** Options of `startWebhookReceiver`. */
export interface WebhookReceiverOptions {
  /**
   * The endpoint's signing secret. A function, because the secret is only known once
   * the endpoint is registered, and registering needs the receiver's URL first.
   */
  secret: () => string | undefined;
  /** Called with every delivery whose signature checks out. */
  onEvent: (event: WebhookEvent, deliveryId: string | undefined) => void;
  /** Called with every delivery refused (answered 400), and why. */
  onRejected?: (error: WebhookVerificationError) => void;
  /** @default 0 (any free port) */
  port?: number;
}

/** A running receiver. */
export interface WebhookReceiver {
  /** Where to point the webhook endpoint, e.g. `http://127.0.0.1:40123/`. */
  url: string;
  close(): Promise<void>;
}

// Deliveries are small; a larger body is refused before it fills memory.
const MAX_BODY_BYTES = 1_000_000;

/** Reads the body as raw bytes: the signature covers these exact bytes, not parsed JSON. */
async function readRawBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function handle(
  options: WebhookReceiverOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readRawBody(request);
  const secret = options.secret();
  if (request.method !== 'POST' || body === undefined || secret === undefined) {
    response.writeHead(body === undefined ? 413 : 400).end();
    return;
  }
  try {
    const event = await constructEvent(body, request.headers['x-puchify-signature'], secret);
    const deliveryId = request.headers['x-puchify-delivery'];
    // Answer 2xx quickly; slow work belongs in a queue, or Puchify retries the delivery.
    response.writeHead(204).end();
    options.onEvent(event, typeof deliveryId === 'string' ? deliveryId : undefined);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    options.onRejected?.(error);
    response.writeHead(400, { 'content-type': 'text/plain' }).end(error.reason);
  }
}

/** Starts a receiver on 127.0.0.1. */
export async function startWebhookReceiver(
  options: WebhookReceiverOptions,
): Promise<WebhookReceiver> {
  const server = createServer((request, response) => {
    handle(options, request, response).catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// Run directly: listen on 8787 and print each verified event.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const receiver = await startWebhookReceiver({
    port: 8787,
    secret: () => process.env['PUCHIFY_WEBHOOK_SECRET'],
    onEvent: (event) => console.log(`${event.type} ${event.id}`),
    onRejected: (error) => console.log(`refused: ${error.reason}`),
  });
  console.log(`Receiving Puchify webhooks on ${receiver.url}`);
}
