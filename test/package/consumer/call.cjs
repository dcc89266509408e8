// Uses the client from the installed package (CommonJS) against the mock server whose URL
// and key are in the environment, and prints what it saw as JSON.
const { Puchify } = require('puchify');

async function main() {
  const puchify = new Puchify({
    apiKey: process.env.PUCHIFY_API_KEY,
    baseUrl: process.env.PUCHIFY_BASE_URL,
  });
  const name = `cjs-node-${process.versions.node.split('.')[0]}`;
  const created = await puchify.servers.create({ name, plan: 'shared-2', region: 'us-east' });
  const ready = await puchify.servers.waitFor(created.data.id, {
    until: 'running',
    intervalMs: 25,
    backoff: 1,
    timeoutMs: 10_000,
  });
  const names = [];
  for await (const server of puchify.servers.list({ limit: 1 })) names.push(server.name);
  const missing = await puchify.servers.get('svr_missing').then(
    () => null,
    (error) => ({ name: error.constructor.name, status: error.status, code: error.code }),
  );
  process.stdout.write(
    JSON.stringify({
      node: process.version,
      name,
      created: created.data.status,
      ready: ready.status,
      listed: names.includes(name),
      missing,
    }),
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
