import { describe, expect, it } from 'vitest';
import {
  zCreateDatabaseData,
  zCreateGpuServerData,
  zCreateLoadBalancerData,
  zCreateServerData,
  zCreateTerminalSessionData,
  zCreateVpnGatewayData,
  zListLogsData,
  zListServersData,
  zScaleKubernetesClusterData,
  zUpdateServerData,
} from '../../src/generated/zod';

const server = { name: 'web-prod-01', plan: 'shared-2', region: 'us-east' };
const database = {
  name: 'orders-db',
  engine: 'postgres',
  plan: 'db-standard-2',
  region: 'us-east',
  password: 'correct-horse-battery-staple',
};
const vpn = {
  name: 'site-a-vpn',
  region: 'us-east',
  remote_network_cidr: '10.0.0.0/16',
  remote_peer_ip: '203.0.113.200',
  pre_shared_key: 's3cret-shared-key-1234',
};

/** The first issue's path, or `null` when the request is accepted. */
function firstIssue(schema: { safeParse(v: unknown): any }, request: unknown): string | null {
  const result = schema.safeParse(request);
  return result.success ? null : result.error.issues[0].path.join('.');
}

describe('generated request schemas', () => {
  it('accept a minimal valid create request and fill in documented defaults', () => {
    const parsed = zCreateLoadBalancerData.parse({ body: { name: 'web-lb', region: 'us-east' } });
    expect(parsed.body).toMatchObject({
      algorithm: 'round_robin',
      protocol: 'http',
      health_check_path: '/',
      targets: [],
    });
    const terminal = zCreateTerminalSessionData.parse({ body: { server_id: 'svr_abc123' } });
    expect(terminal.body).toEqual({ server_id: 'svr_abc123', width: 80, height: 24 });
  });

  it('reject a body without a required field', () => {
    const { plan: _plan, ...noPlan } = server;
    expect(firstIssue(zCreateServerData, { body: noPlan })).toBe('body.plan');
    const { pre_shared_key: _key, ...noKey } = vpn;
    expect(firstIssue(zCreateVpnGatewayData, { body: noKey })).toBe('body.pre_shared_key');
    expect(firstIssue(zCreateServerData, {})).toBe('body');
  });

  it('reject values out of range', () => {
    expect(firstIssue(zCreateDatabaseData, { body: { ...database, storage_gb: 5 } })).toBe(
      'body.storage_gb',
    );
    const scale = { path: { id: 'k8s_4h8n2p' }, body: { node_pool: 'default', node_count: 0 } };
    expect(firstIssue(zScaleKubernetesClusterData, scale)).toBe('body.node_count');
    const lb = { name: 'web-lb', region: 'us-east', port: 70000 };
    expect(firstIssue(zCreateLoadBalancerData, { body: lb })).toBe('body.port');
    expect(firstIssue(zListServersData, { query: { limit: 101 } })).toBe('query.limit');
    expect(firstIssue(zListServersData, { query: { limit: 0 } })).toBe('query.limit');
  });

  it('allow log pages of up to 1000 entries, unlike other lists', () => {
    expect(firstIssue(zListLogsData, { query: { limit: 1000 } })).toBeNull();
    expect(firstIssue(zListLogsData, { query: { limit: 1001 } })).toBe('query.limit');
    expect(zListLogsData.parse({ query: {} }).query?.limit).toBe(100);
    expect(zListServersData.parse({ query: {} }).query?.limit).toBe(50);
  });

  it('reject names that are too long, too short or not lowercase', () => {
    const long = 'a'.repeat(41);
    expect(firstIssue(zCreateServerData, { body: { ...server, name: long } })).toBe('body.name');
    expect(firstIssue(zCreateServerData, { body: { ...server, name: 'a' } })).toBe('body.name');
    expect(firstIssue(zCreateServerData, { body: { ...server, name: 'Web_01' } })).toBe(
      'body.name',
    );
    expect(firstIssue(zCreateServerData, { body: { ...server, name: 'a'.repeat(40) } })).toBeNull();
  });

  it('reject values outside a closed enum', () => {
    expect(firstIssue(zCreateDatabaseData, { body: { ...database, engine: 'oracle' } })).toBe(
      'body.engine',
    );
    const gpu = { ...server, name: 'train-01', plan: 'gpu-h100-1', gpu_type: 'v100' };
    expect(firstIssue(zCreateGpuServerData, { body: gpu })).toBe('body.gpu_type');
    const lb = { name: 'web-lb', region: 'us-east', algorithm: 'random' };
    expect(firstIssue(zCreateLoadBalancerData, { body: lb })).toBe('body.algorithm');
    expect(firstIssue(zListServersData, { query: { status: 'sleeping' } })).toBe('query.status');
  });

  it('reject values of the wrong type', () => {
    const lb = { name: 'web-lb', region: 'us-east', port: '443' };
    expect(firstIssue(zCreateLoadBalancerData, { body: lb })).toBe('body.port');
    expect(firstIssue(zCreateVpnGatewayData, { body: { ...vpn, remote_peer_ip: 'peer' } })).toBe(
      'body.remote_peer_ip',
    );
  });

  it('reject a path id with another resource prefix', () => {
    const request = { path: { id: 'gpu_7f3k9q' }, body: { name: 'web-prod-02' } };
    expect(firstIssue(zUpdateServerData, request)).toBe('path.id');
    expect(firstIssue(zUpdateServerData, { ...request, path: { id: 'svr_abc123' } })).toBeNull();
  });

  it('reject an Idempotency-Key longer than 255 characters', () => {
    const headers = { 'Idempotency-Key': 'k'.repeat(256) };
    expect(firstIssue(zCreateServerData, { body: server, headers })).toBe(
      'headers.Idempotency-Key',
    );
  });
});
