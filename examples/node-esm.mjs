// @ts-check
// Node ESM with the published package: create a server, wait for it, delete it.
// Against the local mock (`npx puchify-mock` prints the URL and a key):
//   PUCHIFY_BASE_URL=http://127.0.0.1:4010 PUCHIFY_API_KEY=pk_... node examples/node-esm.mjs
import { Puchify } from 'puchify';

// The API key comes from PUCHIFY_API_KEY; the base URL defaults to the real API.
const puchify = new Puchify({ baseUrl: process.env.PUCHIFY_BASE_URL });

const { data: server } = await puchify.servers.create(
  { name: 'esm-example', plan: 'shared-2', region: 'us-east' },
  { waitUntil: 'operational', wait: { intervalMs: 100 } },
);
console.log(`${server.id} is ${server.status}`);

const { data: deleted } = await puchify.servers.delete(server.id);
console.log(`${deleted.id} is ${deleted.status}`);
