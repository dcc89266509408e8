/** Health of the provider a fault reports in `meta.provider`. */
export type ProviderHealth = 'connected' | 'degraded' | 'unavailable';

/**
 * A fault to inject, described as data. Every field narrows or shapes it;
 * a fault with only `provider` answers normally but reports that provider
 * state.
 * @example
 * mock.faults.add({ method: 'GET', path: '/api/v1/servers/*', status: 503, times: 2 });
 */
export interface FaultSpec {
  /** HTTP method to match, any case. @default every method */
  method?: string;
  /**
   * Path to match: a RegExp, or a string where `*` matches anything and
   * `:name` one segment (`/api/v1/servers/:id`). @default every path
   */
  path?: string | RegExp;
  /** Status to answer with instead of the real handler. */
  status?: number;
  /** Error code for the envelope. @default the code that goes with `status` */
  code?: string;
  /** Retry-After seconds on a 429 or 503; `null` sends none. @default 1 */
  retryAfterSeconds?: number | null;
  /** How many requests the fault affects before it removes itself. @default Infinity */
  times?: number;
  /** Real milliseconds to wait before answering (a slow network or backend). */
  delayMs?: number;
  /** Answers with a network error instead of any response. */
  dropConnection?: boolean;
  /** `meta.provider` value to report on answers this fault touches. */
  provider?: ProviderHealth;
  /**
   * When the fault strikes: `'before'` the operation runs, so nothing changes, or
   * `'after'` it ran, so the change is made (and remembered for its Idempotency-Key)
   * and only the answer is delayed, replaced by `status` or lost to `dropConnection`.
   * @default 'before'
   */
  when?: 'before' | 'after';
}

/** Returned by `faults.add`; removes the fault early. */
export interface FaultHandle {
  remove(): void;
  /** Requests the fault will still affect. */
  readonly remaining: number;
}

/** A fault that matched a request, with its matching bookkeeping stripped. */
export type MatchedFault = Omit<FaultSpec, 'method' | 'path' | 'times'>;

interface ActiveFault {
  spec: FaultSpec;
  method: string | undefined;
  pattern: RegExp | undefined;
  remaining: number;
}

const compilePath = (path: string | RegExp | undefined): RegExp | undefined => {
  if (path === undefined || path instanceof RegExp) return path;
  const escaped = path
    .split('*')
    .map((part) =>
      part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_][A-Za-z0-9_]*/g, '[^/]+'),
    )
    .join('.*');
  return new RegExp(`^${escaped}/?$`);
};

/** The fault list of one mock world. */
export class FaultRegistry {
  private faults: ActiveFault[] = [];

  /** Adds a fault; later faults do not override earlier ones, the first match wins. */
  add(spec: FaultSpec): FaultHandle {
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
      throw new RangeError(`A fault's times takes a positive integer; received ${spec.times}.`);
    }
    const fault: ActiveFault = {
      spec,
      method: spec.method?.toUpperCase(),
      pattern: compilePath(spec.path),
      remaining: spec.times ?? Number.POSITIVE_INFINITY,
    };
    this.faults.push(fault);
    return {
      remove: () => {
        this.faults = this.faults.filter((candidate) => candidate !== fault);
      },
      get remaining() {
        return fault.remaining;
      },
    };
  }

  /** Finds the first fault for this request and counts it as used. */
  take(method: string, pathname: string): MatchedFault | undefined {
    if (this.faults.length === 0) return undefined;
    const fault = this.faults.find(
      (candidate) =>
        (candidate.method === undefined || candidate.method === method) &&
        (candidate.pattern === undefined || candidate.pattern.test(pathname)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    const { method: _method, path: _path, times: _times, ...effect } = fault.spec;
    return effect;
  }

  /** Number of active faults. */
  get size(): number {
    return this.faults.length;
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }
}
