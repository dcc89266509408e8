/** One hostile request, as raw as node:http lets a client send it. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  /** What the generator meant to exercise, for the summary. */
  kind: string;
}

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const COLLECTIONS = [
  'servers',
  'gpu-servers',
  'databases',
  'kubernetes-clusters',
  'load-balancers',
  'vpn-gateways',
  'api-keys',
  'webhook-endpoints',
  'events',
  'usage',
  'usage/summary',
  'usage/invoices',
  'logs',
  'terminal/sessions',
];
const ACTIONS = ['start', 'stop', 'restart', 'scale', 'backup', 'rotate-secret', 'deliveries'];
const METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'HEAD', 'OPTIONS', 'TRACE', 'PURGE'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/json; charset=latin1',
  'json',
  '',
];
const JUNK_SEGMENTS = [
  '%00',
  '%ZZ',
  '%C0%AF',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  'svr_',
  'svr_' + 'x'.repeat(300),
  '%F0%9F%92%A5',
  '__proto__',
  'constructor',
  '',
];

/** Generates hostile requests against the mock; `apiKey` makes most of them authenticated. */
export class FuzzGenerator {
  constructor(
    private readonly random: () => number,
    private readonly apiKey: string,
  ) {}

  next(): FuzzRequest {
    const method = this.pick(METHODS);
    const { path, kind } = this.path();
    const headers = this.headers();
    const { body, bodyKind } = this.body();
    if (body !== undefined && this.random() < 0.9)
      headers['content-type'] = this.pick(CONTENT_TYPES);
    return { method, path, headers, body, kind: `${kind}/${bodyKind}` };
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private int(max: number): number {
    return Math.floor(this.random() * max);
  }

  private path(): { path: string; kind: string } {
    const roll = this.random();
    const collection = this.pick(COLLECTIONS);
    if (roll < 0.35) return { path: `/api/v1/${collection}${this.query()}`, kind: 'collection' };
    const id = this.random() < 0.5 ? `svr_${this.int(1e9).toString(36)}` : this.pick(JUNK_SEGMENTS);
    if (roll < 0.6) return { path: `/api/v1/${collection}/${id}`, kind: 'item' };
    if (roll < 0.75) {
      return { path: `/api/v1/${collection}/${id}/${this.pick(ACTIONS)}`, kind: 'action' };
    }
    if (roll < 0.85) {
      const segments = Array.from({ length: 1 + this.int(6) }, () => this.pick(JUNK_SEGMENTS));
      return { path: `/${segments.join('/')}`, kind: 'junk-path' };
    }
    if (roll < 0.9) return { path: `/api/v1/${'a/'.repeat(2_000)}`, kind: 'long-path' };
    return { path: `/api/v2/${collection}?${'x='.repeat(this.int(500))}`, kind: 'other-version' };
  }

  private query(): string {
    const pairs: string[] = [];
    const options = [
      `limit=${this.pick(['0', '1', '50', '100', '101', '-1', '1e3', 'abc', '9'.repeat(30)])}`,
      `cursor=${this.pick(['bm9wZQ', 'eyJzIjoiIiwibyI6ImRlc2MiLCJ2IjpudWxsLCJxIjoiYSJ9', '%00', ''])}`,
      `status=${this.pick(['running', 'deleted', 'nope', ''])}`,
      `order=${this.pick(['asc', 'desc', 'up'])}`,
      `sort=${this.pick(['name', 'created_at', '__proto__'])}`,
      `from=${this.pick(['2026-01-01T00:00:00Z', 'yesterday', ''])}`,
      `query=${encodeURIComponent(this.pick(['web', '"', '\\', '%']))}`,
    ];
    for (let i = this.int(4); i > 0; i -= 1) pairs.push(this.pick(options));
    return pairs.length ? `?${pairs.join('&')}` : '';
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    const auth = this.random();
    if (auth < 0.8) headers['authorization'] = `Bearer ${this.apiKey}`;
    else if (auth < 0.85) headers['authorization'] = 'Bearer ';
    else if (auth < 0.9)
      headers['authorization'] = `Basic ${Buffer.from('a:b').toString('base64')}`;
    else if (auth < 0.95) headers['cookie'] = `puchify_session=${'z'.repeat(this.int(200))}`;
    if (this.random() < 0.3) headers['idempotency-key'] = 'k'.repeat(1 + this.int(400));
    if (this.random() < 0.1) headers['accept'] = this.pick(['text/event-stream', '*/*', 'x/y']);
    if (this.random() < 0.1) headers['origin'] = this.pick(['http://localhost:5173', 'null']);
    if (this.random() < 0.1) headers['last-event-id'] = this.pick(['log_1', '', '\u00ff\u00fe']);
    // Bytes 0x80-0xff go out as latin1: header values that are not UTF-8.
    if (this.random() < 0.1) headers['x-fuzz'] = '\u00c3\u0028\u00ff\u0080';
    if (this.random() < 0.05) headers['content-length-ish'] = String(-1);
    return headers;
  }

  private body(): { body: Buffer | undefined; bodyKind: string } {
    const roll = this.random();
    if (roll < 0.25) return { body: undefined, bodyKind: 'none' };
    if (roll < 0.45) return { body: json(this.mutatedResource()), bodyKind: 'resource' };
    if (roll < 0.55) return { body: json(this.randomValue(4)), bodyKind: 'random-json' };
    if (roll < 0.62) {
      const depth = 1_000 + this.int(50_000);
      const nested = `{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      return { body: Buffer.from(nested), bodyKind: 'deep' };
    }
    if (roll < 0.625) {
      return { body: Buffer.alloc(1024 * 1024 + 1 + this.int(65_536), 0x7b), bodyKind: 'huge' };
    }
    if (roll < 0.72) {
      const bytes = [0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8, 0x88];
      const junk = Array.from({ length: 1 + this.int(64) }, () => this.pick(bytes));
      return {
        body: Buffer.concat([Buffer.from('{"name":"'), Buffer.from(junk), Buffer.from('"}')]),
        bodyKind: 'invalid-utf8',
      };
    }
    if (roll < 0.8) return { body: Buffer.from('{"name": "web-1", '), bodyKind: 'truncated' };
    if (roll < 0.9) return { body: Buffer.from('name=web-1&plan=x'), bodyKind: 'form' };
    const length = this.int(4_096);
    return {
      body: Buffer.from(Array.from({ length }, () => this.int(256))),
      bodyKind: 'binary',
    };
  }

  private mutatedResource(): Record<string, unknown> {
    const body: Record<string, unknown> = {
      name: this.pick(['web-1', 'w', 'Web_1', 'x'.repeat(41), '', 'web-1\u0000']),
      plan: this.pick(['shared-2', 'gpu-h100-1', '', 'NOPE']),
      region: this.pick(['us-east', 'eu-west', 'mars']),
      url: this.pick(['https://hooks.example.com/x', 'ftp://x', 'not a url']),
      engine: this.pick(['postgres', 'oracle']),
      password: 'pw-secret-value',
      pre_shared_key: 'psk-secret-value',
      node_count: this.pick([1, 0, -5, 1e308, '3']),
      events: this.pick([['*'], ['server.created'], 'all', [1, 2]]),
    };
    for (const key of Object.keys(body)) if (this.random() < 0.3) delete body[key];
    if (this.random() < 0.2) {
      // An own "__proto__" key, as JSON.parse produces it, not a prototype change.
      Object.defineProperty(body, '__proto__', { value: { polluted: true }, enumerable: true });
    }
    if (this.random() < 0.2) body[`extra_${this.int(100)}`] = this.randomValue(2);
    return body;
  }

  private randomValue(depth: number): unknown {
    const roll = this.random();
    if (depth <= 0 || roll < 0.3) {
      return this.pick([null, true, 0, -1, 1.5, 1e309, '', 'x', '\u2028', 'a'.repeat(5_000)]);
    }
    if (roll < 0.65) return Array.from({ length: this.int(5) }, () => this.randomValue(depth - 1));
    const out: Record<string, unknown> = {};
    for (let i = this.int(5); i > 0; i -= 1) out[`k${this.int(20)}`] = this.randomValue(depth - 1);
    return out;
  }
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value) ?? 'null');
}
