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

/**
 * Copies headers into a plain object with every credential header masked, so the
 * copy can go into an error, a hook argument or a log line without leaking a key.
 */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name) ? REDACTED : value;
  });
  return out;
}

/**
 * Replaces every occurrence of `secret` in `text`. A proxy or a misconfigured server
 * can echo the Authorization header back in an error page; this keeps that echo out
 * of our messages.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4 || !text.includes(secret)) return text;
  return text.split(secret).join(REDACTED);
}
