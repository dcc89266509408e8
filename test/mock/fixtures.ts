import type { LifecycleResource } from '../../src/generated/lifecycle';

/** A valid create body per lifecycle resource. */
export const CREATE_BODIES: Record<LifecycleResource, Record<string, unknown>> = {
  servers: { name: 'web-1', plan: 'shared-2', region: 'us-east' },
  gpuServers: { name: 'train-1', plan: 'gpu-h100-1', region: 'us-east', gpu_type: 'h100' },
  databases: {
    name: 'orders-db',
    engine: 'postgres',
    plan: 'db-standard-2',
    region: 'eu-west',
    password: 'correct-horse-battery-staple',
  },
  kubernetesClusters: {
    name: 'prod-k8s',
    region: 'us-west',
    node_pools: [{ name: 'default', plan: 'shared-4', node_count: 3 }],
  },
  loadBalancers: { name: 'edge-lb', region: 'us-east', protocol: 'https' },
  vpnGateways: {
    name: 'site-a-vpn',
    region: 'us-east',
    remote_network_cidr: '10.0.0.0/16',
    remote_peer_ip: '203.0.113.200',
    pre_shared_key: 'a-long-pre-shared-key-1234',
  },
};
