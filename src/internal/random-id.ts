/**
 * 128 random bits as 32 hex digits, for Idempotency-Key headers. getRandomValues
 * exists in every runtime and, unlike `crypto.randomUUID`, also in a page served
 * over plain http, so one path covers them all.
 */
export function randomId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join('');
}
