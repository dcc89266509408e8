/**
 * The one place where secrets are scrubbed. Everything the SDK shows (error
 * messages and properties, log lines, hook events) passes through these helpers
 * with the client's API key, so an echo of the key by a server, a proxy or the
 * platform never reaches the caller's logs.
 */

/** Header names whose values are credentials; matched lower-case. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
]);

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

/** A copy of a parsed JSON value with every string (keys too) scrubbed. */
export function redactValue(value: unknown, secret: string | undefined, depth = 0): unknown {
  if (typeof value === 'string') return redactSecret(value, secret);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secret, depth + 1));
  // fromEntries defines properties, so a "__proto__" key stays a plain key.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      redactSecret(key, secret),
      redactValue(item, secret, depth + 1),
    ]),
  );
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
    out[name] = SECRET_HEADERS.has(name) ? REDACTED : redactSecret(value, secret);
  });
  return out;
}

/**
 * A thrown value safe to keep as an error's `cause`: the value itself when it holds
 * no secret, otherwise a copy of the same class with message, stack and cause
 * scrubbed. Platform errors quote header values, e.g. undici's `Headers.set`.
 */
export function redactThrown(thrown: unknown, secret: string | undefined, depth = 0): unknown {
  if (!(thrown instanceof Error)) return redactValue(thrown, secret);
  const { message, stack = '', cause } = thrown;
  const safeCause = depth < 4 ? redactThrown(cause, secret, depth + 1) : undefined;
  const text = message + stack;
  if (redactSecret(text, secret) === text && safeCause === cause) return thrown;
  // Same prototype, so `instanceof TypeError` and the name still hold.
  return Object.assign(Object.create(Object.getPrototypeOf(thrown)) as Error, {
    message: redactSecret(message, secret),
    stack: redactSecret(stack, secret),
    cause: safeCause,
  });
}
