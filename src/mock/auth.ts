import { compare, compareSync, hashSync } from 'bcryptjs';
import { randomBase62, sha256Hex, sha256HexSync } from './ids';

/** Name of the cookie that carries a browser session. */
export const SESSION_COOKIE = 'puchify_session';

/**
 * bcrypt cost factor for stored keys. A production service would use 10 or
 * more; the mock guards nothing real and creates keys in test loops, so it
 * uses the cheapest cost bcrypt allows to keep `createMock()` fast.
 */
export const BCRYPT_COST = 4;

/** Characters of a key kept in the clear to find its hash: `pk_` plus nine. */
export const LOOKUP_PREFIX_LENGTH = 12;

/** A stored API key: never the key itself, only its lookup prefix and hash. */
export interface Credential {
  id: string;
  prefix: string;
  /** bcrypt of the key's hex SHA-256 (or, without `prehash`, of the key itself). */
  hash: string;
  isRevoked: boolean;
  /**
   * `'sha256'` for every key stored now. Absent on credentials from older
   * state files, whose hash is bcrypt of the raw key.
   */
  prehash?: 'sha256';
}

/** bcrypt reads only the first 72 bytes of its input. */
const BCRYPT_MAX_BYTES = 72;

/**
 * Compares a key with a stored credential. bcrypt sees only 72 bytes, so
 * keys are first hashed with SHA-256 (64 hex characters): every byte of a
 * key of any length counts. A credential from an older state file holds
 * bcrypt of the raw key; it matches only keys short enough for bcrypt to
 * have read whole, so two long keys sharing 72 bytes never pass as one.
 */
function matches(secret: string, digest: string, credential: Credential): boolean {
  if (credential.prehash === 'sha256') return compareSync(digest, credential.hash);
  if (new TextEncoder().encode(secret).length > BCRYPT_MAX_BYTES) return false;
  return compareSync(secret, credential.hash);
}

/** The caller a request was authenticated as. */
export interface Principal {
  credentialId: string;
  scheme: 'bearer' | 'session';
}

/** Returns a fresh secret API key: `pk_` and 40 base62 characters. */
export function generateApiKey(): string {
  return `pk_${randomBase62(40)}`;
}

/** Says whether a caller-chosen key has a shape this mock accepts. */
export function isWellFormedApiKey(secret: string): boolean {
  return /^pk_[A-Za-z0-9_]{9,200}$/.test(secret);
}

/**
 * The key ring of one world: API keys as bcrypt hashes and browser sessions.
 *
 * Each key is filed under its first characters, which are not secret, so a
 * request costs at most one bcrypt compare instead of one per stored key.
 * A key that verified once is remembered by the SHA-256 of the key (never
 * the key) so the hot path is a hash and a map read, not bcrypt per request.
 */
export class KeyRing {
  private readonly byPrefix = new Map<string, Credential[]>();
  private readonly byId = new Map<string, Credential>();
  private readonly verified = new Map<string, string>();
  private readonly sessions = new Map<string, string>();
  private pendingSessions: Array<Promise<unknown>> = [];

  /** Stores a key under `id`; throws a TypeError for a malformed key. */
  add(id: string, secret: string): Credential {
    if (!isWellFormedApiKey(secret)) {
      throw new TypeError(
        'An API key starts with "pk_" followed by 9 to 200 letters, digits or underscores.',
      );
    }
    const credential: Credential = {
      id,
      prefix: secret.slice(0, LOOKUP_PREFIX_LENGTH),
      hash: hashSync(sha256HexSync(secret), BCRYPT_COST),
      isRevoked: false,
      prehash: 'sha256',
    };
    this.byId.set(id, credential);
    const bucket = this.byPrefix.get(credential.prefix) ?? [];
    bucket.push(credential);
    this.byPrefix.set(credential.prefix, bucket);
    return credential;
  }

  /** Restores a credential from a state file (already hashed). */
  restore(credential: Credential): void {
    this.byId.set(credential.id, credential);
    const bucket = this.byPrefix.get(credential.prefix) ?? [];
    bucket.push(credential);
    this.byPrefix.set(credential.prefix, bucket);
  }

  /** Every stored credential (hashes only). */
  credentials(): Credential[] {
    return [...this.byId.values()];
  }

  /** Revokes a key: requests that carry it fail with 401 from now on. */
  revoke(id: string): void {
    const credential = this.byId.get(id);
    if (credential) credential.isRevoked = true;
  }

  /**
   * Opens a browser session for a credential and returns the cookie value.
   * Synchronous so `createMock()` can stay synchronous; the token's hash is
   * stored as soon as Web Crypto has computed it, before any check reads it.
   */
  openSession(credentialId: string): string {
    const token = `sess_${randomBase62(40)}`;
    this.pendingSessions.push(
      sha256Hex(token).then((digest) => this.sessions.set(digest, credentialId)),
    );
    return token;
  }

  /** The live credential of this exact key, if stored (used when a state file is loaded). */
  find(secret: string): Credential | undefined {
    const bucket = this.byPrefix.get(secret.slice(0, LOOKUP_PREFIX_LENGTH)) ?? [];
    const digest = sha256HexSync(secret);
    return bucket.find(
      (credential) => !credential.isRevoked && matches(secret, digest, credential),
    );
  }

  /** Returns the principal for an Authorization header value, or undefined. */
  async verifyBearer(secret: string): Promise<Principal | undefined> {
    const digest = await sha256Hex(secret);
    const cachedId = this.verified.get(digest);
    if (cachedId !== undefined) return this.live(cachedId, 'bearer');
    const bucket = this.byPrefix.get(secret.slice(0, LOOKUP_PREFIX_LENGTH));
    for (const credential of bucket ?? []) {
      if (await matchesAsync(secret, digest, credential)) {
        this.verified.set(digest, credential.id);
        return this.live(credential.id, 'bearer');
      }
    }
    return undefined;
  }

  /** Returns the principal for a session cookie value, or undefined. */
  async verifySession(token: string): Promise<Principal | undefined> {
    if (this.pendingSessions.length > 0) {
      const pending = this.pendingSessions;
      this.pendingSessions = [];
      await Promise.all(pending);
    }
    const credentialId = this.sessions.get(await sha256Hex(token));
    return credentialId === undefined ? undefined : this.live(credentialId, 'session');
  }

  clear(): void {
    this.byPrefix.clear();
    this.byId.clear();
    this.verified.clear();
    this.sessions.clear();
    this.pendingSessions = [];
  }

  private live(id: string, scheme: Principal['scheme']): Principal | undefined {
    const credential = this.byId.get(id);
    if (!credential || credential.isRevoked) return undefined;
    return { credentialId: id, scheme };
  }
}

/** `matches` without blocking: bcrypt runs in slices between other requests. */
function matchesAsync(secret: string, digest: string, credential: Credential): Promise<boolean> {
  if (credential.prehash === 'sha256') return compare(digest, credential.hash);
  if (new TextEncoder().encode(secret).length > BCRYPT_MAX_BYTES) return Promise.resolve(false);
  return compare(secret, credential.hash);
}

/**
 * Reads the session token out of a Cookie header, if there is one.
 * Limitation: the mock has no CSRF token. It accepts the session cookie only
 * from loopback origins (or with no Origin at all, as curl sends), which
 * keeps other sites out but not another page served from this machine. A
 * per-session token checked on unsafe methods would close that gap.
 */
export function readSessionCookie(cookieHeader: string | null): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return safeDecode(rest.join('='));
  }
  return undefined;
}

// A malformed escape cannot be a token this mock issued (tokens are base62),
// so it is treated as no session: the caller gets 401, not a crash.
const safeDecode = (value: string): string | undefined => {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
};
