import { MockApiError } from './api-error';

/** Largest request body the mock accepts: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The body of a request, read and parsed, plus its raw text for fingerprints. */
export interface ParsedBody {
  value: unknown;
  text: string;
}

const EMPTY: ParsedBody = { value: undefined, text: '' };

/**
 * Reads a JSON request body, refusing what the API refuses: more than 1 MiB
 * (413), a non-JSON content type (415) and text that is not JSON (400).
 */
export async function readJsonBody(request: Request): Promise<ParsedBody> {
  refuseDeclaredOversize(request);
  if (request.body === null) return EMPTY;

  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length === 0) return EMPTY;
  if (bytes.length > MAX_BODY_BYTES) throw tooLarge();

  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    throw new MockApiError(
      415,
      'unsupported_media_type',
      `The request body has content type "${contentType.slice(0, 60) || 'none'}". ` +
        'Send JSON with Content-Type: application/json.',
    );
  }
  const text = decodeUtf8(bytes);
  try {
    return { value: JSON.parse(text), text };
  } catch {
    throw new MockApiError(
      400,
      'invalid_request',
      'The request body is not valid JSON. Check quoting, commas and brackets.',
    );
  }
}

// Decoding leniently would turn bad bytes into U+FFFD and store them in
// free-text fields unnoticed; JSON must be UTF-8 (RFC 8259, section 8.1).
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new MockApiError(
      400,
      'invalid_request',
      'The request body is not valid UTF-8. Encode the JSON as UTF-8.',
    );
  }
}

/**
 * Refuses a request whose Content-Length is over the limit, whatever its
 * method: a DELETE or GET with a huge body is as much too large as a POST.
 */
export function refuseDeclaredOversize(request: Request): void {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
}

// The size is not repeated: the standalone server stops counting past the
// limit, so only "over the limit" is known for sure.
const tooLarge = (): MockApiError =>
  new MockApiError(
    413,
    'payload_too_large',
    `The request body is over the limit of ${MAX_BODY_BYTES} bytes (1 MiB). Send less data.`,
  );
