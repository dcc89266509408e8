import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { z } from 'zod';
import { zErrorEnvelope } from '../../src/generated/zod/zod.gen';
import { createMock } from '../../src/mock/create-mock';
import type { CreateMockOptions, Mock } from '../../src/mock/create-mock';
import { buildRouter, responseSchema } from '../../src/mock/operations';

export const BASE = 'https://api.puchify.com';

/** A parsed answer plus the operation it hit. */
export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  operationId: string | undefined;
}

/** Operation ids that at least one request has reached with a 2xx answer. */
export const covered = new Set<string>();

const router = buildRouter();

/**
 * Checks a response body against the spec: the operation's response schema
 * for a success, the error envelope otherwise. Returns the zod issues.
 */
export function contractIssues(
  operationId: string | undefined,
  status: number,
  body: unknown,
): z.core.$ZodIssue[] {
  const schema = status < 300 && operationId ? responseSchema(operationId) : zErrorEnvelope;
  if (!schema) return [];
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues;
}

/** Sends a request through fetch (so through MSW) and checks it against the contract. */
export async function call(
  mock: Mock,
  method: string,
  path: string,
  options: {
    body?: unknown;
    headers?: Record<string, string>;
    auth?: boolean;
    raw?: string;
    /** Skips MSW and asks the world directly (for worlds MSW is not serving). */
    direct?: boolean;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== false) headers['authorization'] ??= `Bearer ${mock.apiKey}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const request = new Request(`${mock.baseUrl}${path}`, { method, headers, body: body ?? null });
  const response = options.direct ? await mock.fetch(request) : await fetch(request);
  const text = await response.text();
  const parsed = text === '' ? undefined : JSON.parse(text);
  const match = router.match(method, new URL(path, BASE).pathname);
  const operationId = match.kind === 'found' ? match.route.operationId : undefined;
  expect(contractIssues(operationId, response.status, parsed), `${method} ${path}`).toEqual([]);
  if (operationId && response.status < 300) covered.add(operationId);
  return { status: response.status, headers: response.headers, body: parsed, operationId };
}

/** Starts MSW with a fresh mock per test; `world()` returns the current one. */
export function useMock(options: CreateMockOptions = {}): () => Mock {
  let mock = createMock({ clock: 'manual', ...options });
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    mock.close();
    mock = createMock({ clock: 'manual', ...options });
    server.resetHandlers(...mock.handlers);
  });
  afterAll(() => {
    server.close();
    mock.close();
  });
  server.use(...mock.handlers);
  return () => mock;
}
