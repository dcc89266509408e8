/**
 * The status line of a message, e.g. `404 Not Found`, or just `404` when the answer
 * has no reason phrase (HTTP/2, hand-built responses). The SDK keeps no table of
 * phrases of its own: the error's class already names the status.
 */
export function statusLine(status: number, statusText?: string): string {
  return statusText ? `${status} ${statusText}` : String(status);
}

/** ` (request req_...)` for a message, or nothing when the answer carried no request id. */
export function requestNote(requestId: string | undefined): string {
  return requestId ? ` (request ${requestId})` : '';
}
