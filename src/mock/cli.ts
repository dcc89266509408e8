#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startMockServer } from './server';

const USAGE = `Usage: puchify-mock [options]

  --port N          Port to listen on; 0 picks a free one (default 4010)
  --host HOST       Interface to listen on (default 127.0.0.1)
  --api-key KEY     API key to accept, e.g. pk_test_... (default: a new random key)
  --seed demo       Start with a demo world of a few hundred resources
  --state FILE      Keep the world in FILE across restarts
  --rate-limit N    Requests per minute per key (default 1000)
  --allow-webhook-host HOST
                    Also deliver webhooks to HOST (repeatable); by default only
                    loopback addresses (127.0.0.1, ::1, localhost) receive them
  --help            Show this help
`;

/** Parses the command line; exits with the usage text on a mistake. */
function readOptions() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string' },
      seed: { type: 'string' },
      state: { type: 'string' },
      'rate-limit': { type: 'string' },
      'allow-webhook-host': { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  // Digits only: Number() would also read "1e3", "0x10" or " 80 " as ports.
  const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new RangeError(`--port takes a number from 0 to 65535; received ${values.port}.`);
  }
  if (values.seed !== undefined && values.seed !== 'demo' && values.seed !== 'empty') {
    throw new RangeError(`--seed takes "demo" or "empty"; received ${values.seed}.`);
  }
  const rateLimit = values['rate-limit'] === undefined ? undefined : Number(values['rate-limit']);
  return {
    port,
    host: values.host,
    ...(values['api-key'] === undefined ? {} : { apiKey: values['api-key'] }),
    ...(values.seed === undefined ? {} : { seed: values.seed as 'demo' | 'empty' }),
    ...(values.state === undefined ? {} : { stateFile: values.state }),
    ...(rateLimit === undefined ? {} : { rateLimit: { limit: rateLimit } }),
    webhooks: { allowHosts: values['allow-webhook-host'] ?? [] },
  };
}

async function main(): Promise<void> {
  let options: ReturnType<typeof readOptions>;
  try {
    options = readOptions();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const server = await startMockServer({
    ...options,
    // A state file that stops being written must not go unnoticed.
    onStateError: (error) => process.stderr.write(`puchify-mock: ${error.message}\n`),
  });
  let isClosing = false;
  const shutdown = (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    process.stdout.write(`Received ${signal}; shutting down.\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  // Listen for signals before the banner: a supervisor that stops the mock as soon
  // as it reads the banner must get a clean shutdown, not the default kill.
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // The banner is this command's output: the base URL and a key to use.
  process.stdout.write(
    `Puchify mock listening on ${server.url}\n` +
      `API key: ${server.apiKey}\n` +
      `Try: curl -H "Authorization: Bearer ${server.apiKey}" ${server.url}/api/v1/servers\n`,
  );
}

main().catch((error: unknown) => {
  const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  // The usual cause has a usual remedy, so say it.
  const hint = taken ? ' Pass --port with another number, or --port 0 for any free one.' : '';
  const message = (error as Error).message.replace(/\.?$/, '.');
  process.stderr.write(`puchify-mock failed to start: ${message}${hint}\n`);
  process.exit(1);
});
