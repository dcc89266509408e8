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
 * `value` with the key and bearer tokens scrubbed from every string in it, keys
 * included: a parsed JSON body, a thrown string, or an Error (a copy of the same
 * class with message, stack and cause scrubbed; platform errors quote header
 * values, e.g. undici's `Headers.set`). A value holding no secret comes back as is.
 */
export function redact<T>(value: T, secret: string | undefined, depth = 0): T {
  if (typeof value === 'string') return redactSecret(value, secret) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return REDACTED as T;
  const isError = value instanceof Error;
  const entries = isError
    ? Object.entries({ message: value.message, stack: value.stack, cause: value.cause })
    : Object.entries(value);
  let changed = false;
  const scrubbed = entries.map(([key, item]) => {
    const pair = [redactSecret(key, secret), redact(item, secret, depth + 1)] as const;
    changed ||= pair[0] !== key || pair[1] !== item;
    return pair;
  });
  if (!changed) return value;
  // fromEntries defines properties, so a "__proto__" key stays a plain key; an
  // Error keeps its prototype, so `instanceof TypeError` and its name still hold.
  const copy = Object.fromEntries(scrubbed);
  if (isError)
    return Object.assign(Object.create(Object.getPrototypeOf(value)) as object, copy) as T;
  return (Array.isArray(value) ? Object.values(copy) : copy) as T;
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
