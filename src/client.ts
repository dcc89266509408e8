import { resolveClientOptions, type PuchifyOptions } from './core/client-options';
import { Transport } from './core/transport';
import { ApiKeys } from './resources/api-keys';
import { Databases } from './resources/databases';
import { Events } from './resources/events';
import { GpuServers } from './resources/gpu-servers';
import { KubernetesClusters } from './resources/kubernetes-clusters';
import { LoadBalancers } from './resources/load-balancers';
import { Logs } from './resources/logs';
import { Servers } from './resources/servers';
import { Terminal } from './resources/terminal';
import { Usage } from './resources/usage';
import { VpnGateways } from './resources/vpn-gateways';
import { WebhookEndpoints } from './resources/webhook-endpoints';

/**
 * The Puchify API client. Options are checked here, before any request; every
 * namespace shares one transport, so concurrent calls share the rate-limit budget.
 * @example
 * const puchify = new Puchify({ apiKey: process.env.PUCHIFY_API_KEY });
 * const { data } = await puchify.servers.create(
 *   { name: 'web-1', plan: 'shared-2', region: 'us-east', image: 'ubuntu-24.04' },
 *   { waitUntil: 'operational' },
 * );
 */
export class Puchify {
  // Declared, not defined: the constructor assigns each namespace once, where a
  // class field would add a second, empty definition of each to the bundle.

  /** Virtual servers. */
  declare readonly servers: Servers;
  /** GPU servers. */
  declare readonly gpuServers: GpuServers;
  /** Managed databases. */
  declare readonly databases: Databases;
  /** Kubernetes clusters. */
  declare readonly kubernetesClusters: KubernetesClusters;
  /** Load balancers. */
  declare readonly loadBalancers: LoadBalancers;
  /** Site-to-site VPN gateways. */
  declare readonly vpnGateways: VpnGateways;
  /** API keys of this account. */
  declare readonly apiKeys: ApiKeys;
  /** Webhook endpoints and their deliveries. */
  declare readonly webhookEndpoints: WebhookEndpoints;
  /** The audit log. */
  declare readonly events: Events;
  /** Usage records, billing-period summary and invoices. */
  declare readonly usage: Usage;
  /** Log search and live tail. */
  declare readonly logs: Logs;
  /** Interactive terminal sessions. */
  declare readonly terminal: Terminal;

  constructor(options: PuchifyOptions = {}) {
    const transport = new Transport(resolveClientOptions(options));
    this.servers = new Servers(transport);
    this.gpuServers = new GpuServers(transport);
    this.databases = new Databases(transport);
    this.kubernetesClusters = new KubernetesClusters(transport);
    this.loadBalancers = new LoadBalancers(transport);
    this.vpnGateways = new VpnGateways(transport);
    this.apiKeys = new ApiKeys(transport);
    this.webhookEndpoints = new WebhookEndpoints(transport);
    this.events = new Events(transport);
    this.usage = new Usage(transport);
    this.logs = new Logs(transport);
    this.terminal = new Terminal(transport);
  }
}
