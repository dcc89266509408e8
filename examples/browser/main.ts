// The client in a web page, answered by puchify/mock in msw's service worker: the page
// works with no backend at all, which suits demos, prototypes and front-end tests.
// In your project the imports are `from 'puchify'` and `from 'puchify/mock'`.
//
// Build and serve it (see the README, "The mock in a browser"):
//   npx msw init examples/browser --save=false
//   npx esbuild examples/browser/main.ts --bundle --format=esm --outfile=examples/browser/main.js
//   npx http-server examples/browser   (any static server on 127.0.0.1)
import { setupWorker } from 'msw/browser';
import { Puchify } from '../../src/index';
import { createMock } from '../../src/mock/index';

const mock = createMock({ seed: 'demo' });
await setupWorker(...mock.handlers).start({ onUnhandledFrame: 'bypass', quiet: true });

// A real secret key never belongs in a page; the mock's key opens nothing but the mock.
const puchify = new Puchify({ apiKey: mock.apiKey, dangerouslyAllowBrowser: true });

const list = document.querySelector<HTMLUListElement>('#servers');
const { data: servers, meta } = await puchify.servers.list({ status: 'running', limit: 10 });
for (const server of servers) {
  const item = document.createElement('li');
  item.textContent = `${server.name} (${server.id}) in ${server.region}`;
  list?.append(item);
}
const more = document.querySelector('#more');
if (more) more.textContent = meta.next_cursor ? 'More on the next page.' : '';
