/**
 * Reads an environment variable where the runtime has one (Node, Bun, Deno with
 * its Node compatibility); browsers and edge workers without `process` get undefined.
 */
export function readEnv(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const value = proc?.env?.[name]?.trim();
  return value ? value : undefined;
}

/**
 * True in a page's main thread, where any key in the bundle is visible to every
 * visitor. Node, Deno 2, Bun and workers have no `window.document`.
 */
// Limitation: a web worker has no window.document, so a key used in a worker passes
// without dangerouslyAllowBrowser; the key is as exposed there as in the page.
export function isBrowser(): boolean {
  const win = (globalThis as { window?: { document?: unknown } }).window;
  return typeof win === 'object' && win !== null && typeof win.document === 'object';
}
