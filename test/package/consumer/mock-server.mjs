// Starts the standalone mock from the installed package on a free port of 127.0.0.1 and
// prints its URL and API key as one JSON line; stops on SIGTERM.
import { startMockServer } from 'puchify/mock/server';

const server = await startMockServer({
  port: 0,
  host: '127.0.0.1',
  timings: { provisionMs: 100, transitionMs: 50 },
});
process.stdout.write(`${JSON.stringify({ url: server.url, apiKey: server.apiKey })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
