/**
 * The one place where secrets are scrubbed. Everything the SDK shows (error
 * messages and properties, log lines, hook events) passes through these helpers
 * with the client's API key, so an echo of the key by a server, a proxy or the
 * platform never reaches the caller's logs.
 */

/** Header names whose values are credentials; Headers gives them lower-case. */
const SECRET_HEADERS = /^((proxy-)?authorization|(set-)?cookie|x-api-key)$/;

/** What a redacted value reads as, wherever one is shown. */
export const REDACTED = '[redacted]';

// Any bearer token (RFC 6750 token characters), not only ours: a proxy may echo
// a header it added itself.
const BEARER = /(bearer\s+)[\w.~+/-]+=*/gi;
// Error bodies are a few levels deep; anything deeper is not worth walking.
const MAX_DEPTH = 16;
// How many causes down a thrown value's copy goes; real chains are one or two long.
const MAX_CAUSES = 4;

/**
 * Replaces every occurrence of `secret` and every `Bearer <token>` in `text`.
 * Keys shorter than 4 characters are not searched for: masking every "pk" would
 * garble the text and protect nothing.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  const masked = secret && secret.length >= 4 ? text.split(secret).join(REDACTED) : text;
  return masked.replace(BEARER, `$1${REDACTED}`);
}

/**
 * A parsed JSON body (or a raw text one) with the key and bearer tokens scrubbed
 * from every string in it, keys included. Parsed JSON is a tree, so the walk costs
 * what the parse did.
 */
export function redactJson<T>(value: T, secret: string | undefined, depth = 0): T {
  if (typeof value === 'string') return redactSecret(value, secret) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return REDACTED as T;
  // fromEntries defines properties, so a "__proto__" key stays a plain key.
  const copy = Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      redactSecret(key, secret),
      redactJson(item, secret, depth + 1),
    ]),
  );
  return (Array.isArray(value) ? Object.values(copy) : copy) as T;
}

/**
 * A plain Error standing in for a value the SDK caught but did not make (a fetch
 * or stream failure): the scrubbed name, message and stack of the original
 * (`String(value)`, or its `[object Tag]` for a non-Error object), its own string,
 * number and boolean properties (`code: 'ECONNREFUSED'`, `errno`, `port`), and the
 * same for a few causes down. Every object-valued property is dropped, not walked:
 * a Request, headers, a config or a socket graph may hold the key anywhere, and
 * walking one costs as much as it is big. Never throws.
 */
export function sanitize(
  value: unknown,
  secret: string | undefined,
  depth = 0,
  scrub = (text: unknown): string => redactSecret(String(text), secret),
): Error {
  const error = value instanceof Error ? value : undefined;
  const object = Object(value) === value;
  let copy: Error & Record<string, unknown>;
  try {
    const cause = error?.cause !== undefined && depth < MAX_CAUSES;
    // The constructor keeps message and cause non-enumerable, as on any Error.
    copy = new Error(
      scrub(error ? error.message : object ? {}.toString.call(value) : value),
      cause ? { cause: sanitize(error.cause, secret, depth + 1, scrub) } : undefined,
    ) as typeof copy;
    copy.name = scrub(error?.name ?? 'Error');
    if (error?.stack) copy.stack = scrub(error.stack);
    // Arrays and typed arrays are left out: their keys are their (many) items.
    if (object && !Array.isArray(value) && !ArrayBuffer.isView(value)) {
      for (const [key, item] of Object.entries(value as object).slice(0, 32)) {
        if (Object(item) !== item) copy[scrub(key)] = typeof item == 'string' ? scrub(item) : item;
      }
    }
  } catch {
    // A throwing getter or Proxy trap: say so rather than fail in the SDK.
    copy = new Error('A value was thrown that could not be read.') as typeof copy;
  }
  return copy;
}

/**
 * `thrown` itself when it is an Error that holds nothing but what `sanitize` checks
 * (name, message, stack, at most 32 enumerable own string, number and boolean
 * properties, and causes of the same kind a few levels down) and none of that quotes
 * the key or a bearer token: an error of the caller's own middleware, say. Else its
 * sanitised copy, as an object property (a Request with its Authorization header,
 * the errors of an AggregateError) could hold the key out of sight.
 */
export function unlessQuoting(thrown: unknown, secret: string | undefined): unknown {
  let quotes = false;
  const copy = sanitize(thrown, secret, 0, (text) => {
    const clean = redactSecret(String(text), secret);
    quotes ||= clean !== String(text);
    return clean;
  });
  return !quotes && checkable(thrown) ? thrown : copy;
}

function checkable(value: unknown, depth = 0): boolean {
  if (!(value instanceof Error) || depth > MAX_CAUSES) return false;
  try {
    const own = value as unknown as Record<string, unknown>;
    const keys = Reflect.ownKeys(value).filter(
      (key) => !/^(stack|message|cause)$/.test(key as string),
    );
    // Only enumerable, primitive and string-keyed: what sanitize reads and checks (a
    // symbol key makes the test above throw, and so the error not checkable).
    return (
      keys.length <= 32 &&
      keys.every(
        (key) =>
          Object.keys(value).includes(key as string) &&
          Object(own[key as string]) !== own[key as string],
      ) &&
      (Object(value.cause) !== value.cause || checkable(value.cause, depth + 1))
    );
  } catch {
    return false;
  }
}

/**
 * Copies headers into a plain object with every credential header masked and the
 * key scrubbed from the rest, so the copy can go into an error, a hook argument or
 * a log line.
 */
export function redactHeaders(
  headers: Headers,
  secret: string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.test(name) ? REDACTED : redactSecret(value, secret);
  });
  return out;
}
