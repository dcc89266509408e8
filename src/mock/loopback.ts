/** Loopback as the WHATWG URL parser writes it: other IPv4 spellings are normalised to these. */
const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const LOOPBACK_IPV4_MAPPED = /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/;

/**
 * Says whether a URL host name (as `new URL(...).hostname` gives it) is a
 * loopback address. Only the literal name `localhost` counts among names:
 * any other could resolve anywhere, and looking it up would let DNS decide.
 */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    LOOPBACK_IPV4.test(hostname) ||
    LOOPBACK_IPV4_MAPPED.test(hostname)
  );
}

// Origins repeat: a page sends the same one on every request.
const originCache = new Map<string, boolean>();

/**
 * Says whether a browser Origin is an http(s) page served from this machine
 * (localhost, 127.0.0.0/8 or [::1], any port). Only such pages may use the
 * session cookie and read answers with it; `null` and every other origin may not.
 */
export function isLoopbackOrigin(origin: string): boolean {
  const known = originCache.get(origin);
  if (known !== undefined) return known;
  let isLoopback = false;
  try {
    const url = new URL(origin);
    isLoopback =
      (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  } catch {
    isLoopback = false;
  }
  if (originCache.size >= 100) originCache.clear();
  originCache.set(origin, isLoopback);
  return isLoopback;
}
