import type { LifecycleResource } from '../generated/lifecycle';
import { randomBase62 } from './ids';
import type { ResourceRecord } from './mock-store';

type Body = Record<string, unknown>;

/** What differs between lifecycle resources beyond their lifecycle. */
export interface ResourceKind {
  /** Noun for messages, e.g. "Server". */
  noun: string;
  /** `resource_kind` in logs and usage. */
  resourceKind: string;
  /** The fields of a new record that come from the create body. */
  build(body: Body): Record<string, unknown>;
  /** Fields the provider assigns once the resource is operational. */
  whenOperational(record: ResourceRecord): Record<string, unknown>;
  /** Fields an action body changes (scale changes node pools). */
  applyAction?(
    action: string,
    record: ResourceRecord,
    body: Body,
    nowIso: string,
  ): Record<string, unknown>;
}

/** A random address in 203.0.113.0/24, the documentation range, so it can never be real. */
export function documentationIp(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(1));
  return `203.0.113.${((bytes[0] ?? 0) % 254) + 1}`;
}

const ip = () => ({ ipv4: documentationIp() });
const pick = (body: Body, ...names: string[]): Body => {
  const out: Body = {};
  for (const name of names) if (body[name] !== undefined) out[name] = body[name];
  return out;
};

const DB_DEFAULTS: Record<string, { version: string; port: number }> = {
  postgres: { version: '16', port: 5432 },
  mysql: { version: '8.4', port: 3306 },
  redis: { version: '7.4', port: 6379 },
};

const gpuFromPlan = (plan: string): { gpu_type: string; gpu_count: number } => {
  const match = /^gpu-(a100|h100|l40s|a10)-(\d)$/.exec(plan);
  return { gpu_type: match?.[1] ?? 'h100', gpu_count: Math.min(8, Number(match?.[2] ?? 1)) };
};

/** The resource kinds, keyed like the generated lifecycles. */
export const RESOURCE_KINDS: Record<LifecycleResource, ResourceKind> = {
  servers: {
    noun: 'Server',
    resourceKind: 'server',
    build: (body) => ({ ...pick(body, 'plan', 'image'), ipv4: null }),
    whenOperational: ip,
  },
  gpuServers: {
    noun: 'GPU server',
    resourceKind: 'gpu_server',
    build: (body) => {
      const fromPlan = gpuFromPlan(String(body['plan']));
      return {
        ...pick(body, 'plan', 'image'),
        gpu_type: body['gpu_type'] ?? fromPlan.gpu_type,
        gpu_count: fromPlan.gpu_count,
        ipv4: null,
      };
    },
    whenOperational: ip,
  },
  databases: {
    noun: 'Database',
    resourceKind: 'data',
    build: (body) => {
      const defaults = DB_DEFAULTS[String(body['engine'])] ?? { version: '16', port: 5432 };
      return {
        engine: body['engine'],
        version: body['version'] ?? defaults.version,
        plan: body['plan'],
        storage_gb: body['storage_gb'] ?? 20,
        host: null,
        port: defaults.port,
        username: 'puchify',
        last_backup_at: null,
      };
    },
    whenOperational: (record) => ({
      host: `${record.id.replace('_', '-').toLowerCase()}.${record.region}.db.puchify.com`,
    }),
    // The backup is taken when the action finishes, so the stamp is set then.
    applyAction: (action, _record, _body, nowIso) =>
      action === 'backup' ? { last_backup_at: nowIso } : {},
  },
  kubernetesClusters: {
    noun: 'Kubernetes cluster',
    resourceKind: 'kubernetes',
    build: (body) => ({
      version: body['version'] ?? '1.31',
      node_pools: body['node_pools'],
      endpoint: null,
    }),
    whenOperational: (record) => ({
      endpoint: `https://${record.id.replace('_', '-').toLowerCase()}.${record.region}.k8s.puchify.com`,
    }),
    applyAction: (action, record, body) => {
      if (action !== 'scale') return {};
      const pools = (record['node_pools'] as Array<Record<string, unknown>>).map((pool) =>
        pool['name'] === body['node_pool'] ? { ...pool, node_count: body['node_count'] } : pool,
      );
      return { node_pools: pools };
    },
  },
  loadBalancers: {
    noun: 'Load balancer',
    resourceKind: 'load_balancer',
    build: (body) => {
      const protocol = (body['protocol'] as string | undefined) ?? 'http';
      return {
        algorithm: body['algorithm'] ?? 'round_robin',
        protocol,
        port: body['port'] ?? (protocol === 'https' ? 443 : 80),
        health_check_path: body['health_check_path'] ?? '/',
        targets: body['targets'] ?? [],
        ipv4: null,
      };
    },
    whenOperational: ip,
  },
  vpnGateways: {
    noun: 'VPN gateway',
    resourceKind: 'vpn_gateway',
    // The pre-shared key is write-only: the mock does not keep it at all.
    build: (body) => ({
      tunnel_type: body['tunnel_type'] ?? 'ipsec',
      ...pick(body, 'remote_network_cidr', 'remote_peer_ip'),
      public_ip: null,
    }),
    whenOperational: () => ({ public_ip: documentationIp() }),
  },
};

/** Fields an update body may change on a record (write-only ones are dropped). */
export function updatableFields(body: Body): Body {
  const { password: _password, pre_shared_key: _psk, ...rest } = body;
  return rest;
}

/** A short random suffix for demo names. */
export const nameSuffix = (): string => randomBase62(4).toLowerCase();
