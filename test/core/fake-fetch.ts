import type { FetchLike } from '../../src/core/client-options';

/** One request as the fake fetch saw it. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  signal: AbortSignal;
  credentials: RequestCredentials;
}

export type Reply =
  Response | Error | 'hang' | ((request: SeenRequest) => Response | Promise<Response>);

/**
 * A fetch that answers from a script, one reply per call (the last one repeats),
 * and records every request. `'hang'` never answers until the request is aborted.
 */
export function scriptedFetch(...replies: Reply[]): FetchLike & { seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    // Like fetch itself: the init's signal, when given, is the one that counts.
    const signal = init?.signal ?? input.signal;
    const request: SeenRequest = {
      method: input.method,
      url: new URL(input.url),
      headers: input.headers,
      body: await input.text(),
      signal,
      credentials: input.credentials,
    };
    seen.push(request);
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
    if (reply === undefined) throw new Error('scriptedFetch has no replies');
    if (reply === 'hang') return hang(signal);
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply(request);
    return reply.clone();
  };
  return Object.assign(fetch, { seen });
}

function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** A JSON answer with the headers every API answer carries. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_test', ...headers },
  });
}

/** An error envelope answer. */
export function apiError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return json(
    status,
    { error: { code, message }, meta: { persistence: 'synced', provider: 'connected' } },
    headers,
  );
}

export const META = { persistence: 'synced', provider: 'connected' } as const;

/** The API key the unit tests use; asserted absent from errors and logs. */
export const API_KEY = 'pk_test_5ecret0000000000';
