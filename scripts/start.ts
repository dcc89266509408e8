// `npm start`: starts the local mock server (the one `puchify-mock` runs) with the
// demo world, runs examples/tour.ts against it over HTTP, then stops everything.
// Exits 0 when every step passed, 1 with the failed step and its error otherwise.
import { startMockServer } from '../src/mock/server';
import type { MockServer, MockServerOptions } from '../src/mock/server';
import { runTour } from '../examples/tour';

const PREFERRED_PORT = 4010;
// Low enough that a burst of a few requests meets 429s; a window of one second keeps
// the wait short.
const TOUR_RATE_LIMIT = { limit: 3, windowMs: 1_000 };

/** Starts a mock on `port`, or on any free loopback port when that one is taken. */
async function startOnFreePort(port: number, options: MockServerOptions): Promise<MockServer> {
  try {
    return await startMockServer({ ...options, host: '127.0.0.1', port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${port} is taken; using another free port.`);
    return startMockServer({ ...options, host: '127.0.0.1', port: 0 });
  }
}

/** The main mock with a few hundred resources, and a second one with a low rate limit. */
async function startMocks(): Promise<MockServer[]> {
  const main = await startOnFreePort(PREFERRED_PORT, { seed: 'demo' });
  try {
    const throttled = await startMockServer({ port: 0, seed: 'empty', rateLimit: TOUR_RATE_LIMIT });
    return [main, throttled];
  } catch (error) {
    await main.close();
    throw error;
  }
}

async function main(): Promise<number> {
  const startedAt = Date.now();
  const [main, throttled] = await startMocks();
  if (!main || !throttled) throw new Error('The mock servers did not start.');
  console.log(`Puchify mock listening on ${main.url} (demo world seeded)`);
  console.log(`Rate-limited mock on ${throttled.url} (${TOUR_RATE_LIMIT.limit} requests/s)`);
  try {
    await runTour({
      main: { baseUrl: main.url, apiKey: main.apiKey },
      throttled: { baseUrl: throttled.url, apiKey: throttled.apiKey, ...TOUR_RATE_LIMIT },
    });
    console.log(`\nTour complete in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
    return 0;
  } catch (error) {
    console.error(`\nTour failed. ${(error as Error).message}`);
    return 1;
  } finally {
    await Promise.all([main.close(), throttled.close()]);
  }
}

main().then(
  (code) => {
    // Set, not process.exit(): the process ends by itself once nothing is left open,
    // which proves the tour closed every server and timer it started.
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Could not start the mock: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
