// @ts-check
// Node CommonJS with the published package: count servers across pages and handle a
// 404. Against the local mock (`npx puchify-mock --seed demo` prints the URL and a key):
//   PUCHIFY_BASE_URL=http://127.0.0.1:4010 PUCHIFY_API_KEY=pk_... node examples/node-cjs.cjs
const { NotFoundError, Puchify } = require('puchify');

async function main() {
  // The API key comes from PUCHIFY_API_KEY; the base URL defaults to the real API.
  const puchify = new Puchify({ baseUrl: process.env.PUCHIFY_BASE_URL });

  let count = 0;
  for await (const server of puchify.servers.list({ limit: 100 })) {
    if (server.status === 'running') count += 1;
  }
  console.log(`${count} servers running`);

  try {
    await puchify.servers.get('svr_0000000000000000');
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    console.log(`${error.status} ${error.code}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
