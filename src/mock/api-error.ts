/** One field-level problem, as `error.details` carries it. */
export interface ErrorDetail {
  field: string;
  message: string;
}

/**
 * A failure a handler reports on purpose; the request pipeline turns it into
 * the error envelope with this status and code.
 */
export class MockApiError extends Error {
  override readonly name = 'MockApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** The error code the API uses for a status when nothing more specific applies. */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'route_not_found';
    case 405:
      return 'method_not_allowed';
    case 409:
      return 'invalid_state_transition';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 422:
      return 'validation_failed';
    case 429:
      return 'rate_limited';
    case 503:
      return 'provider_unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'invalid_request';
  }
}

/**
 * A 404 for a resource id that does not exist, e.g. `server_not_found`, worded as
 * the API's own example (`Server svr_abc123 not found`). Advice is the client's
 * to give: the client appends "Check the server id." to every such message.
 */
export function notFound(code: string, noun: string, id: string): MockApiError {
  // An id is whatever the caller put in the path, so a long one is cut short.
  const shown = id.length > 64 ? `${id.slice(0, 64)}...` : id;
  return new MockApiError(404, code, `${noun} ${shown} not found`);
}
