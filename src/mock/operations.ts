import type { z } from 'zod';
import { operationRoutes } from '../generated/lifecycle';
import type { OperationId } from '../generated/lifecycle';
import * as schemas from '../generated/zod/zod.gen';
import { apiKeyOperations } from './api-key-operations';
import { lifecycleOperations } from './lifecycle-operations';
import { tailLogs } from './log-tail';
import type { Operation, OperationInput, OperationOutput } from './pipeline';
import { readOperations, terminalOperations } from './read-operations';
import { Router } from './router';
import type { RouteDefinition } from './router';
import { createValidator } from './validation';
import { webhookOperations } from './webhook-operations';

type Run = (input: OperationInput) => OperationOutput | Promise<OperationOutput>;

const byName = schemas as unknown as Record<string, z.ZodType | undefined>;
const pascal = (operationId: string): string =>
  operationId.charAt(0).toUpperCase() + operationId.slice(1);

/** Every operation's implementation, keyed by operationId. */
function implementations(): Record<string, Run> {
  return {
    ...lifecycleOperations(),
    ...apiKeyOperations(),
    ...webhookOperations(),
    ...readOperations(),
    ...terminalOperations(),
    tailLogs,
  };
}

/**
 * Builds the route table for every operation in the spec, each with its
 * generated request schemas. Throws at once if the spec has an operation
 * the mock does not implement, so a new endpoint cannot go unnoticed.
 */
export function buildRouter(): Router<Operation> {
  // Operations keep no state of their own (the world is passed in), so one
  // table serves every world and createMock() costs no schema work.
  cachedRouter ??= compileRouter();
  return cachedRouter;
}

let cachedRouter: Router<Operation> | undefined;

function compileRouter(): Router<Operation> {
  const runs = implementations();
  const routes: Array<RouteDefinition<Operation>> = [];
  for (const [operationId, route] of Object.entries(operationRoutes) as Array<
    [OperationId, { method: string; path: string }]
  >) {
    const run = runs[operationId];
    if (!run) {
      throw new Error(`The mock has no implementation of ${operationId}; add one in src/mock.`);
    }
    const name = pascal(operationId);
    routes.push({
      method: route.method.toUpperCase(),
      path: route.path,
      operationId,
      handler: {
        operationId,
        validate: createValidator(operationId, {
          body: byName[`z${name}Body`],
          path: byName[`z${name}Path`],
          query: byName[`z${name}Query`],
        }),
        run,
      },
    });
  }
  return new Router(routes);
}

/** The response schema of an operation, for contract tests. */
export function responseSchema(operationId: string): z.ZodType | undefined {
  return byName[`z${pascal(operationId)}Response`];
}
