import { errorFromResponse, type FailedResponse } from './error-from-response';
import type { ApiError } from './errors';

/** Method and path of a request, for messages. */
interface Described {
  method: string;
  path: string;
}

/**
 * The request body as JSON text. A value JSON cannot carry is refused before
 * sending with a TypeError naming its path (`body.node_count`): JSON.stringify would
 * send NaN and Infinity as null, which the API then reports as a missing number,
 * and throws V8's own unexplained TypeError for a BigInt or a cycle. The walk
 * first costs about as much as the stringify itself on a request body.
 */
export function serializeBody({ method, path }: Described, body: unknown): string {
  const found = unsendable(body, 'body', []);
  if (found) {
    throw new TypeError(
      `The body of ${method} ${path} cannot be sent: ${found}, which JSON cannot carry.`,
    );
  }
  return JSON.stringify(body);
}

const MAX_DEPTH = 1000;

/**
 * Where in `value` JSON fails, e.g. `body.node_pools[0].count is NaN`. Like
 * JSON.stringify, it looks at what `toJSON(key)` returns rather than the object.
 */
function unsendable(
  value: unknown,
  path: string,
  parents: object[],
  key = '',
  converted = false,
): string | undefined {
  if (typeof value === 'bigint') return `${path} is a BigInt`;
  if (typeof value === 'number' && !Number.isFinite(value)) return `${path} is ${value}`;
  // JSON leaves these out of an object, and turns them into null in an array.
  if (typeof value === 'symbol' || typeof value === 'function')
    return `${path} is a ${typeof value}`;
  if (typeof value !== 'object' || value === null) return undefined;
  const { toJSON } = value as { toJSON?: unknown };
  if (!converted && typeof toJSON === 'function') {
    const json: unknown = toJSON.call(value, key);
    // Date's toJSON gives null for an invalid date.
    if (json === null && value instanceof Date) return `${path} is an invalid Date`;
    return unsendable(json, path, parents, key, true);
  }
  // Both serialise as {}, losing every entry.
  if (value instanceof Map || value instanceof Set) return `${path} is a ${value.constructor.name}`;
  if (parents.includes(value)) return `${path} refers back to an object that contains it`;
  // Deeper than any request body, and deep enough to exhaust the stack of this walk.
  if (parents.length >= MAX_DEPTH) return `the body nests more than ${MAX_DEPTH} levels deep`;
  parents.push(value);
  for (const [name, item] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${name}]` : `${path}.${name}`;
    const found = unsendable(item, at, parents, name);
    if (found) return found;
  }
  parents.pop();
  return undefined;
}

/** Parses a 2xx body; one that is not JSON fails as an ApiError naming its content type. */
export function parseJsonBody(
  request: Described,
  response: Response,
  data: unknown,
  secret: string | undefined,
): unknown {
  if (data === undefined || data === '') return undefined;
  try {
    return JSON.parse(data as string);
  } catch (cause) {
    const problem = `a body that is not JSON (${contentType(response)})`;
    throw unusableAnswer(request, response, problem, secret, data, cause);
  }
}

/** The ApiError for a 2xx answer the SDK cannot use; see `FailedResponse.problem`. */
export function unusableAnswer(
  request: Described,
  response: Response,
  problem: string,
  secret: string | undefined,
  body?: unknown,
  cause?: unknown,
): ApiError {
  return answerError(request, response, { body, secret, problem, cause });
}

/** The ApiError for an answer, from what was read of it besides the status and headers. */
export function answerError(
  { method, path }: Described,
  { status, statusText, headers }: Response,
  read: Omit<FailedResponse, 'method' | 'path' | 'status' | 'statusText' | 'headers'>,
): ApiError {
  return errorFromResponse({ method, path, status, statusText, headers, ...read });
}

/** The answer's content type, for messages. */
export function contentType(response: Response): string {
  return response.headers.get('content-type') ?? 'no content type';
}
