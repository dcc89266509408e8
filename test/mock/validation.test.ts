import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CREATE_BODIES } from './fixtures';
import { call, useMock } from './harness';

const world = useMock();

describe('unknown fields in nested objects', () => {
  it('refuses an unknown key inside a node pool with 422 naming its path', async () => {
    const body = {
      ...CREATE_BODIES.kubernetesClusters,
      node_pools: [
        { name: 'default', plan: 'shared-4', node_count: 3 },
        { name: 'gpu', plan: 'shared-4', node_count: 1, autoscale_typo: true },
      ],
    };
    const answer = await call(world(), 'POST', '/api/v1/kubernetes-clusters', { body });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(answer.body.error.details).toEqual([
      { field: 'node_pools[1].autoscale_typo', message: 'Unknown field "autoscale_typo".' },
    ]);
    expect(world().store.kubernetesClusters.size).toBe(0);
  });

  it('refuses an unknown key inside a load balancer target on create and update', async () => {
    const mock = world();
    const target = { resource_id: 'svr_abc123', port: 8080, weight_typo: 2 };
    const created = await call(mock, 'POST', '/api/v1/load-balancers', {
      body: { ...CREATE_BODIES.loadBalancers, targets: [target] },
    });
    expect(created.status).toBe(422);
    expect(created.body.error.details).toEqual([
      { field: 'targets[0].weight_typo', message: 'Unknown field "weight_typo".' },
    ]);
    const ok = await call(mock, 'POST', '/api/v1/load-balancers', {
      body: CREATE_BODIES.loadBalancers,
    });
    expect(ok.status).toBe(201);
    const updated = await call(mock, 'PATCH', `/api/v1/load-balancers/${ok.body.data.id}`, {
      body: { targets: [target] },
    });
    expect(updated.status).toBe(422);
    expect(updated.body.error.details[0].field).toBe('targets[0].weight_typo');
  });

  it('still accepts nested objects with only known keys', async () => {
    const answer = await call(world(), 'POST', '/api/v1/kubernetes-clusters', {
      body: CREATE_BODIES.kubernetesClusters,
    });
    expect(answer.status).toBe(201);
    expect(answer.body.data.node_pools).toEqual([
      expect.objectContaining({ name: 'default', plan: 'shared-4', node_count: 3 }),
    ]);
  });

  // The mock makes every fixed-shape object of a request body strict; that is
  // right only while the spec closes every one of them.
  it('matches the spec: every object a request body holds has additionalProperties false', () => {
    const spec = parse(readFileSync('openapi/puchify.yaml', 'utf8'));
    const open: string[] = [];
    const visit = (node: any, where: string, seen: Set<string>): void => {
      if (!node || typeof node !== 'object') return;
      if (typeof node.$ref === 'string') {
        const name = node.$ref.split('/').at(-1);
        if (seen.has(name)) return;
        seen.add(name);
        return visit(spec.components.schemas[name], name, seen);
      }
      if (node.properties && node.additionalProperties !== false) open.push(where);
      for (const [key, value] of Object.entries<any>(node.properties ?? {})) {
        visit(value, `${where}.${key}`, seen);
      }
      for (const key of ['items', 'allOf', 'oneOf', 'anyOf']) {
        for (const inner of [node[key]].flat()) visit(inner, `${where}[${key}]`, seen);
      }
    };
    let bodies = 0;
    for (const item of Object.values<any>(spec.paths)) {
      for (const operation of Object.values<any>(item)) {
        const schema = operation?.requestBody?.content?.['application/json']?.schema;
        if (!schema) continue;
        bodies++;
        visit(schema, operation.operationId, new Set());
      }
    }
    expect(bodies).toBeGreaterThan(10);
    expect(open).toEqual([]);
  });
});

describe('the summary of a 422', () => {
  it('counts its problems in the right number', async () => {
    const mock = world();
    const one = await call(mock, 'POST', '/api/v1/servers', {
      body: { ...CREATE_BODIES.servers, name: 7 },
    });
    expect(one.body.error.details).toHaveLength(1);
    expect(one.body.error.message).toBe('The request is not valid: 1 problem. See error.details.');
    const two = await call(mock, 'POST', '/api/v1/servers', {
      body: { ...CREATE_BODIES.servers, name: 7, region: 8 },
    });
    expect(two.body.error.details).toHaveLength(2);
    expect(two.body.error.message).toBe('The request is not valid: 2 problems. See error.details.');
  });
});
