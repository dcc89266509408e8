/** The oldest Node.js release msw 3 runs on (it relies on Promise.withResolvers and more). */
export const MIN_NODE_VERSION = [22, 12] as const;

/** The runtime's version strings, as `process.versions` has them. */
export type RuntimeVersions = Readonly<Record<string, string | undefined>>;

/** Reads `process.versions` where there is a `process`; undefined in a browser. */
const processVersions = (): RuntimeVersions | undefined =>
  (globalThis as { process?: { versions?: RuntimeVersions } }).process?.versions;

/**
 * Throws at once when the mock runs under a Node.js too old for msw 3. There,
 * msw fails only on the first request, and the client reports a ConnectionError
 * whose real cause sits two levels down. Browsers (no `process.versions.node`)
 * and runtimes that only imitate Node (Bun, Deno) pass unchecked.
 */
export function assertMockRuntime(
  readVersions: () => RuntimeVersions | undefined = processVersions,
): void {
  const versions = readVersions();
  const node = versions?.['node'];
  if (node === undefined || versions?.['bun'] !== undefined || versions?.['deno'] !== undefined) {
    return;
  }
  const match = /^v?(\d+)\.(\d+)/.exec(node);
  if (!match) return;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const [minMajor, minMinor] = MIN_NODE_VERSION;
  if (major > minMajor || (major === minMajor && minor >= minMinor)) return;
  throw new Error(
    `puchify/mock needs Node.js ${minMajor}.${minMinor} or newer (msw 3 requires it); ` +
      `this is Node.js ${node.replace(/^v/, '')}. The client and puchify/webhooks run on Node 20.`,
  );
}
