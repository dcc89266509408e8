import { MockApiError, codeForStatus } from './api-error';
import { readSessionCookie } from './auth';
import type { Principal } from './auth';
import type { MatchedFault } from './faults';
import { newId } from './ids';
import { isLoopbackOrigin } from './loopback';
import type { RateLimitDecision } from './rate-limit';
import { readJsonBody, refuseDeclaredOversize } from './request-body';
import { baseHeaders, errorResponse, jsonResponse } from './respond';
import type { ResponseContext } from './respond';
import type { RouteMatch } from './router';
import type { MockWorld } from './world';

/** What an operation handler receives. */
export interface OperationInput {
  world: MockWorld;
  principal: Principal;
  /** Path parameters, validated. */
  path: Record<string, string>;
  /** Query parameters, coerced and validated. */
  query: Record<string, unknown>;
  /** The JSON body, validated (undefined when the operation takes none). */
  body: unknown;
  request: Request;
}

/** What an operation handler returns: an envelope's parts, or a finished Response. */
export type OperationOutput =
  | { status: number; data: unknown; nextCursor?: string | null }
  | { stream: ReadableStream<Uint8Array>; contentType: string };

/** One operation of the API, as the mock implements it. */
export interface Operation {
  operationId: string;
  /** Checks path, query and body together; throws `MockApiError` 422 on a bad request. */
  validate(input: { path: Record<string, string>; query: URLSearchParams; body: unknown }): {
    path: Record<string, string>;
    query: Record<string, unknown>;
    body: unknown;
  };
  run(input: OperationInput): OperationOutput | Promise<OperationOutput>;
}

const ALLOWED_HEADERS =
  'Authorization, Content-Type, Idempotency-Key, X-Request-Id, Accept, Last-Event-ID';

/**
 * Answers one request the way the API gateway would. Never throws: a bug in
 * a handler becomes a 500 `internal_error` envelope, which the tests assert
 * never happens.
 */
export async function handleRequest(world: MockWorld, request: Request): Promise<Response> {
  const response = await handleAnyMethod(world, request);
  return request.method.toUpperCase() === 'HEAD' ? withoutBody(response) : response;
}

/** HEAD answers as GET would, headers and status alike, without the body (RFC 9110, 9.3.2). */
function withoutBody(response: Response): Response {
  if (response.body === null || response.type === 'error') return response;
  void response.body.cancel().catch(() => undefined);
  return new Response(null, { status: response.status, headers: response.headers });
}

async function handleAnyMethod(world: MockWorld, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const context: ResponseContext = {
    requestId: newId('req_', 20),
    nowMs: world.clock.now(),
    rate: undefined,
    meta: { persistence: 'synced', provider: world.providerHealth },
    origin: request.headers.get('origin'),
  };
  const method = request.method.toUpperCase();
  const pathname = url.pathname.slice(world.basePath.length) || '/';

  // 1. Preflights are answered before anything else: browsers send no credentials.
  if (method === 'OPTIONS') return preflight(context);

  // 2. Authentication, then the rate limit of whoever was authenticated. Both
  //    come before faults so that an injected answer still carries the
  //    X-RateLimit-* headers every response has.
  let principal: Principal;
  try {
    principal = await admit(world, request, context);
  } catch (error) {
    return toErrorResponse(world, request, url, context, error);
  }

  // 3. Injected faults, as a broken network or backend would answer. A fault
  //    `when: 'after'` lets the operation run and spoils only its answer: the
  //    case of a change made whose confirmation never reached the caller.
  const fault = world.faults.take(method, pathname);
  if (fault?.provider) context.meta = { ...context.meta, provider: fault.provider };
  const isAfter = fault?.when === 'after';
  if (fault && !isAfter) {
    const early = await applyFault(fault, context);
    if (early) return early;
  }
  let response: Response;
  try {
    response = await answer(world, request, url, context, principal);
  } catch (error) {
    response = toErrorResponse(world, request, url, context, error);
  }
  if (!fault || !isAfter) return response;
  const spoiled = await applyFault(fault, context);
  if (!spoiled) return response;
  await response.body?.cancel().catch(() => undefined);
  return spoiled;
}

/** A refusal becomes its error envelope; anything else is a bug and a 500. */
function toErrorResponse(
  world: MockWorld,
  request: Request,
  url: URL,
  context: ResponseContext,
  error: unknown,
): Response {
  if (error instanceof MockApiError) {
    return errorResponse(
      context,
      error.status,
      error.code,
      error.message,
      error.details,
      error.headers,
    );
  }
  world.reportBug(error);
  return errorResponse(
    context,
    500,
    'internal_error',
    `The mock failed to answer ${request.method} ${url.pathname}. This is a bug in the mock.`,
  );
}

/** Authenticates the caller and counts the request against its rate limit. */
async function admit(
  world: MockWorld,
  request: Request,
  context: ResponseContext,
): Promise<Principal> {
  const principal = await authenticate(world, request);
  context.rate = world.rateLimiter.take(principal?.credentialId ?? 'anonymous');
  if (!principal) throw unauthorized(request);
  if (!context.rate.isAllowed) throw rateLimited(context.rate);
  if (principal.scheme === 'session' && context.origin !== null) {
    refuseForeignSession(context.origin);
  }
  return principal;
}

/**
 * Refuses a session cookie sent by a page on another machine. CORS already
 * hides the answer from such a page, but a request the browser sends without
 * a preflight (a bodiless POST action) would still run with the session.
 */
function refuseForeignSession(origin: string): void {
  if (isLoopbackOrigin(origin)) return;
  throw new MockApiError(
    403,
    'forbidden',
    `The session cookie is accepted only from pages on this machine (localhost, 127.0.0.1, ` +
      `[::1]); the request came from ${origin.slice(0, 100)}. ` +
      'From other origins, send "Authorization: Bearer <API key>".',
  );
}

async function answer(
  world: MockWorld,
  request: Request,
  url: URL,
  context: ResponseContext,
  principal: Principal,
): Promise<Response> {
  const method = request.method.toUpperCase();
  const pathname = url.pathname.slice(world.basePath.length) || '/';

  // 4. Routing, after the size check: a body over the limit is refused
  //    whatever the method or route, as a gateway would.
  refuseDeclaredOversize(request);
  const match = world.router.match(method === 'HEAD' ? 'GET' : method, pathname);
  if (match.kind !== 'found') throw routeError(match, method, pathname);
  const operation = match.route.handler;

  // 5. Body, idempotency replay, validation.
  const body =
    method === 'POST' || method === 'PATCH' || method === 'PUT'
      ? await readJsonBody(request)
      : undefined;
  const idempotencyKey = method === 'POST' ? request.headers.get('idempotency-key') : null;
  if (idempotencyKey !== null) checkIdempotencyKey(idempotencyKey);
  const fingerprint = idempotencyKey ? `${method} ${pathname}\n${body?.text ?? ''}` : '';
  if (idempotencyKey) {
    const replay = replayIdempotent(world, principal, idempotencyKey, fingerprint, context);
    if (replay) return replay;
  }
  const input = operation.validate({
    path: match.params,
    query: url.searchParams,
    body: body?.value,
  });

  // 6. The operation itself, then the envelope.
  const output = await operation.run({ world, principal, request, ...input });
  const response = render(output, context);
  if (idempotencyKey && 'data' in output) {
    await remember(world, principal, idempotencyKey, fingerprint, response.clone());
  }
  return response;
}

function render(output: OperationOutput, context: ResponseContext): Response {
  if ('stream' in output) {
    return new Response(output.stream, {
      status: 200,
      headers: {
        ...baseHeaders(context),
        'Content-Type': output.contentType,
        'Cache-Control': 'no-cache',
      },
    });
  }
  const meta: Record<string, unknown> = { ...context.meta };
  if (output.nextCursor !== undefined) meta['next_cursor'] = output.nextCursor;
  if (output.status === 204)
    return new Response(null, { status: 204, headers: baseHeaders(context) });
  return jsonResponse(output.status, { data: output.data, meta }, context);
}

function preflight(context: ResponseContext): Response {
  const headers = baseHeaders(context);
  headers['Access-Control-Allow-Methods'] = 'GET, HEAD, POST, PATCH, DELETE, OPTIONS';
  headers['Access-Control-Allow-Headers'] = ALLOWED_HEADERS;
  headers['Access-Control-Max-Age'] = '600';
  return new Response(null, { status: 204, headers });
}

async function applyFault(
  fault: MatchedFault,
  context: ResponseContext,
): Promise<Response | undefined> {
  if (fault.delayMs !== undefined) await new Promise((r) => setTimeout(r, fault.delayMs));
  if (fault.dropConnection) return Response.error();
  if (fault.status === undefined) return undefined;
  const code = fault.code ?? defaultFaultCode(fault.status);
  const headers: Record<string, string> = {};
  if ((fault.status === 429 || fault.status === 503) && fault.retryAfterSeconds !== null) {
    headers['Retry-After'] = String(fault.retryAfterSeconds ?? 1);
  }
  return errorResponse(
    context,
    fault.status,
    code,
    `An injected fault answered ${fault.status} (${code}).`,
    undefined,
    headers,
  );
}

function defaultFaultCode(status: number): string {
  return codeForStatus(status);
}

async function authenticate(world: MockWorld, request: Request): Promise<Principal | undefined> {
  const authorization = request.headers.get('authorization');
  let principal: Principal | undefined;
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    principal = match ? await world.keys.verifyBearer(match[1] as string) : undefined;
  } else {
    const session = readSessionCookie(request.headers.get('cookie'));
    principal = session === undefined ? undefined : await world.keys.verifySession(session);
  }
  return principal && isKeyUsable(world, principal.credentialId) ? principal : undefined;
}

/** Refuses an expired key and notes when a key was last used (to the minute). */
function isKeyUsable(world: MockWorld, credentialId: string): boolean {
  const record = world.store.apiKeys.get(credentialId);
  if (!record) return true;
  const now = world.clock.now();
  if (record.expires_at !== null && Date.parse(record.expires_at) <= now) return false;
  // Writing on every request would make the state file churn; a minute's
  // precision is what a "last used" column needs.
  if (record.last_used_at === null || now - Date.parse(record.last_used_at) >= 60_000) {
    world.store.apiKeys.replace({ ...record, last_used_at: new Date(now).toISOString() });
    world.changed();
  }
  return true;
}

function unauthorized(request: Request): MockApiError {
  const hasCredentials =
    request.headers.has('authorization') || request.headers.get('cookie')?.includes('puchify_');
  return new MockApiError(
    401,
    'unauthorized',
    hasCredentials
      ? 'The API key or session is not valid, or was revoked.'
      : 'No credentials were sent. Send "Authorization: Bearer <API key>".',
  );
}

function rateLimited(rate: RateLimitDecision): MockApiError {
  return new MockApiError(
    429,
    'rate_limited',
    // When to retry rides in Retry-After; the client's message says it once, as a date.
    `The rate limit of ${rate.limit} requests per window is used up.`,
    undefined,
    { 'Retry-After': String(rate.retryAfterSeconds) },
  );
}

function routeError(match: RouteMatch<Operation>, method: string, pathname: string): MockApiError {
  if (match.kind === 'method_not_allowed') {
    // Wherever GET is served, HEAD is too.
    const allow = match.allow.flatMap((name) => (name === 'GET' ? ['GET', 'HEAD'] : [name]));
    return new MockApiError(
      405,
      'method_not_allowed',
      `${method} is not allowed on ${pathname}. Allowed: ${allow.join(', ')}.`,
      undefined,
      { Allow: allow.join(', ') },
    );
  }
  return new MockApiError(
    404,
    'route_not_found',
    `No route matches ${method} ${pathname}. Check the path against the API reference.`,
  );
}

/** The spec allows keys of 1 to 255 characters. */
function checkIdempotencyKey(key: string): void {
  if (key.length >= 1 && key.length <= 255) return;
  const message = `The Idempotency-Key has ${key.length} characters; send 1 to 255.`;
  throw new MockApiError(422, 'validation_failed', message, [
    { field: 'Idempotency-Key', message },
  ]);
}

function replayIdempotent(
  world: MockWorld,
  principal: Principal,
  key: string,
  fingerprint: string,
  context: ResponseContext,
): Response | undefined {
  const found = world.idempotency.lookup(principal.credentialId, key, fingerprint);
  if (found.kind === 'miss') return undefined;
  if (found.kind === 'conflict') {
    throw new MockApiError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was used with another request.',
    );
  }
  const headers = baseHeaders(context);
  headers['Content-Type'] = found.response.contentType;
  headers['Idempotent-Replayed'] = 'true';
  return new Response(found.response.body, { status: found.response.status, headers });
}

async function remember(
  world: MockWorld,
  principal: Principal,
  key: string,
  fingerprint: string,
  response: Response,
): Promise<void> {
  // Only answers the operation produced are kept: a 429 or 5xx refused the
  // request before it ran, so retrying with the same key must run it.
  if (response.status >= 500) return;
  world.idempotency.save(principal.credentialId, key, fingerprint, {
    status: response.status,
    body: await response.text(),
    contentType: response.headers.get('content-type') ?? 'application/json',
  });
}
