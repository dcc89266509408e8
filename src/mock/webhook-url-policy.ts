import { isLoopbackHost } from './loopback';

/** Where the mock may send webhook deliveries. */
export interface WebhookOptions {
  /**
   * Host names or IP addresses, besides loopback, that webhook endpoints may
   * point at. Names are compared as written; nothing is looked up in DNS.
   * @default [] (loopback only: 127.0.0.0/8, ::1 and localhost)
   * @example createMock({ webhooks: { allowHosts: ['hooks.internal.test'] } })
   */
  allowHosts?: readonly string[];
}

/** Returns why a webhook URL is refused, or undefined when deliveries may go there. */
export type WebhookUrlPolicy = (url: string) => string | undefined;

/**
 * Normalises an allow-list entry the way URLs write host names; throws a
 * TypeError for a URL or a host with a port.
 */
function normaliseHost(entry: string): string {
  const bare = entry.trim();
  const isIpv6 = bare.includes(':') && !bare.startsWith('[');
  let url: URL | undefined;
  try {
    url = /[/@?#]/.test(bare) ? undefined : new URL(`http://${isIpv6 ? `[${bare}]` : bare}`);
  } catch {
    url = undefined;
  }
  // A wildcard parses as a host name of its own, so `*` would allow nothing while
  // reading as "allow everything". Only names and addresses as URLs print them pass.
  if (url && !/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/.test(url.hostname)) url = undefined;
  if (!url || url.port !== '' || bare === '') {
    throw new TypeError(
      `webhooks.allowHosts takes host names or IP addresses without scheme, port, path or ` +
        `wildcard; list each host. ` +
        `received "${entry.slice(0, 100)}".`,
    );
  }
  return url.hostname;
}

/**
 * The rule for webhook URLs: loopback always, listed hosts too, and anything
 * when the caller supplied its own transport (its code then decides where a
 * delivery goes). Anything else is refused so that whoever holds an API key
 * cannot make the mock send requests into the network it runs in.
 */
export function createWebhookUrlPolicy(options: {
  allowHosts?: readonly string[] | undefined;
  hasOwnTransport: boolean;
}): WebhookUrlPolicy {
  if (options.hasOwnTransport) return () => undefined;
  const allowed = new Set((options.allowHosts ?? []).map(normaliseHost));
  return (url) => {
    let hostname: string;
    try {
      hostname = new URL(url).hostname;
    } catch {
      return 'The URL cannot be parsed. Send an absolute http(s) URL.';
    }
    if (isLoopbackHost(hostname) || allowed.has(hostname)) return undefined;
    const host = hostname.slice(0, 100);
    return (
      `The mock delivers only to loopback addresses (127.0.0.1, ::1, localhost); ${host} is not ` +
      `one. To deliver there, allow it: createMock({ webhooks: { allowHosts: ['${host}'] } }) ` +
      `or puchify-mock --allow-webhook-host ${host}, or pass your own deliver transport.`
    );
  };
}
