import { redactSecret } from '../internal/redact';
import { observe } from './hooks';

/** Anything with the four console-style methods; `console` itself qualifies. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** How much the SDK logs; each level includes the ones before it. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Accepted values of the logLevel option, least to most verbose. */
export const LOG_LEVELS: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

/**
 * The SDK's own view of the caller's logger: filters by level, prefixes every
 * line with `[puchify]` and scrubs the API key from it. Callers check `enabled()`
 * before composing a line so a silent client pays nothing for logging.
 */
export class Log {
  readonly #logger: Logger | undefined;
  readonly #rank: number;
  readonly #secret: string | undefined;

  constructor(logger: Logger | undefined, level: LogLevel, secret?: string) {
    this.#logger = logger;
    this.#rank = logger ? LOG_LEVELS.indexOf(level) : 0;
    this.#secret = secret;
  }

  /** Whether a line at `level` would be written. */
  enabled(level: Exclude<LogLevel, 'off'>): boolean {
    return this.#rank >= LOG_LEVELS.indexOf(level);
  }

  /** Writes one line at `level` if that level is on; a logger that fails changes nothing. */
  write(level: Exclude<LogLevel, 'off'>, message: string): void {
    if (this.enabled(level)) {
      observe(() => this.#logger?.[level](`[puchify] ${redactSecret(message, this.#secret)}`));
    }
  }
}
