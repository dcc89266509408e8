import { bypass } from 'msw';

/** One signed delivery attempt, as the transport sends it. */
export interface DeliveryRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Aborts the attempt when the 10 s delivery timeout passes. */
  signal: AbortSignal;
}

/** What a transport reports back: the receiver's HTTP status. */
export interface DeliveryResult {
  status: number;
}

/**
 * Sends a webhook delivery. Injectable through `createMock({ deliver })` so
 * tests can capture deliveries without a receiving server.
 */
export type DeliveryTransport = (request: DeliveryRequest) => Promise<DeliveryResult>;

/**
 * The default transport: a real `fetch` POST.
 *
 * The mock usually runs under MSW, which intercepts every outgoing request of
 * the process (or the page). `bypass()` marks the delivery so MSW passes it
 * to the network instead of answering it, or warning about it, itself.
 * Limitation: with MSW not running, the receiver sees `msw/passthrough` in
 * its Accept header; it is harmless but visible. Sending through node:http
 * instead of fetch would drop it, at the cost of a Node-only path.
 */
export const fetchTransport: DeliveryTransport = async (request) => {
  const response = await fetch(
    bypass(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      redirect: 'manual',
    }),
  );
  // Drain the body so the connection is released back to the pool.
  await response.arrayBuffer().catch(() => undefined);
  return { status: response.status };
};
