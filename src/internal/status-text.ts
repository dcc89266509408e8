// Response.statusText is empty over HTTP/2 and in hand-built responses, so messages
// use our own reason phrases for the statuses the API answers with.
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The reason phrase for an HTTP status, e.g. `404 Not Found`, or just the number. */
export function statusLine(status: number, statusText?: string): string {
  const reason = REASONS[status] ?? statusText;
  return reason ? `${status} ${reason}` : String(status);
}
