/**
 * Retries: which answers and failures are worth another attempt, how long to wait, and when
 * a request must not simply be sent again.
 *
 * - 429 and 503 mean "not now": retried for every method, after the server's Retry-After
 *   (seconds or an HTTP date) when it sends one, else after a jittered exponential backoff.
 *   MAAS sends `Retry-After: 10` with its 503s, and its own Go client retries them
 *   (maas-api.md §1.5); the Palette SDK retries 429 (palette-api.md §1).
 * - Other 5xx, dropped connections and timeouts are retried for requests that are safe to
 *   repeat (GET, PUT, DELETE and idempotent POST ops). A request that creates something is
 *   not sent again blindly: the server may have created it before the failure, so `verify`
 *   (the caller's lookup by natural key) is asked first, and only if the object is not there
 *   is the request sent again, after the same backoff. Without `verify` the caller gets
 *   `ambiguous`.
 * - Connection refused, unknown host, no route and TLS failures are not retried: the request
 *   never reached the server and waiting will not change that, so apply fails fast.
 *
 * Jitter comes from the seeded PRNG (`model/rng.ts`), never Math.random.
 */
import { Rng } from '../../model/rng.js';
import type { HttpFailure, HttpRequest, HttpResponse, HttpResult } from './http.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** Backoff before the 2nd attempt; doubled before each further one, up to maxDelayMs. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** The longest Retry-After apply waits for; a longer one ends the run with a clear message. */
  readonly maxRetryAfterMs: number;
}

/**
 * Defaults. Attempts 5 and a 1 s base are our choice: 1 + 2 + 4 + 8 s of backoff rides out a
 * MAAS region restart or a rate-limit burst without hiding a server that is down (the Palette
 * SDK starts at 2 s and doubles with jitter, palette-api.md §1). The 30 s cap on one wait is
 * our choice too; Retry-After up to 120 s is honoured (MAAS asks for 10 s, maas-api.md §1.5).
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

export type CallResult =
  /** The server's final answer (2xx, 4xx, or a 5xx that is not worth retrying any more is `exhausted`). */
  | { readonly kind: 'response'; readonly response: HttpResponse; readonly attempts: number }
  /** Retried up to the bound, still failing. */
  | { readonly kind: 'exhausted'; readonly last: string; readonly attempts: number; readonly status?: number }
  /** Never reached the server (refused, DNS, TLS): not retried. */
  | { readonly kind: 'unreachable'; readonly failure: HttpFailure }
  /** An unsafe request failed after the server may have acted on it: look before sending it again. */
  | { readonly kind: 'ambiguous'; readonly last: string; readonly attempts: number }
  /** An unsafe request failed that way, and `verify` found that the server had acted on it. */
  | { readonly kind: 'verified'; readonly last: string; readonly attempts: number };

export interface RetryNotice {
  readonly request: string;
  readonly attempt: number;
  readonly of: number;
  readonly reason: string;
  readonly delayMs: number;
}

export interface CallerOptions {
  readonly send: (r: HttpRequest) => Promise<HttpResult>;
  readonly policy: RetryPolicy;
  readonly seed: number;
  readonly onRetry?: (n: RetryNotice) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** `Retry-After`: delta seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now: number): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

const describe = (r: HttpResponse): string => `${r.status}${r.statusText ? ` ${r.statusText}` : ''}`;

/**
 * A function that sends a request with retries. `build` makes the request anew for each
 * attempt (fresh OAuth nonce); `verify` says whether an unsafe request that failed unclearly
 * had in fact been done.
 */
export type Caller = (build: () => HttpRequest, safe: boolean, verify?: () => Promise<boolean>) => Promise<CallResult>;

export function makeCaller(o: CallerOptions): Caller {
  const rng = new Rng(o.seed);
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((res) => setTimeout(res, ms)));
  const now = o.now ?? (() => Date.now());
  const backoff = (attempt: number): number => {
    const exp = Math.min(o.policy.maxDelayMs, o.policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(exp * (0.5 + 0.5 * rng.next()));
  };
  return async (build, safe, verify) => {
    let last = '';
    let lastStatus: number | undefined;
    for (let attempt = 1; attempt <= o.policy.attempts; attempt++) {
      const req = build();
      const op = req.url.searchParams.get('op');
      const label = `${req.method} ${req.url.pathname}${op !== null ? `?op=${op}` : ''}`;
      const result = await o.send(req);
      let wait: number;
      if (result.kind === 'response') {
        const s = result;
        if (s.status === 429 || s.status === 503) {
          const after = retryAfterMs(s.headers['retry-after'], now());
          if (after !== undefined && after > o.policy.maxRetryAfterMs) {
            return { kind: 'exhausted', last: `${describe(s)} with Retry-After ${Math.round(after / 1000)} s, longer than the ${Math.round(o.policy.maxRetryAfterMs / 1000)} s apply waits`, attempts: attempt, status: s.status };
          }
          // Never earlier than asked; up to 10 % later (our choice) so many clients do not return at once.
          wait = after !== undefined ? after + Math.round(after * 0.1 * rng.next()) : backoff(attempt);
          last = `${describe(s)}${after !== undefined ? ` (Retry-After ${Math.round(after / 1000)} s)` : ''}`;
        } else if (s.status >= 500 && s.status !== 501) {
          last = describe(s);
          if (!safe) {
            if (!verify) return { kind: 'ambiguous', last, attempts: attempt };
            if (await verify()) return { kind: 'verified', last, attempts: attempt };
          }
          wait = backoff(attempt);
        } else {
          return { kind: 'response', response: s, attempts: attempt };
        }
        lastStatus = s.status;
      } else {
        if (!result.maybeSent) return { kind: 'unreachable', failure: result };
        last = result.detail;
        lastStatus = undefined;
        if (!safe) {
          if (!verify) return { kind: 'ambiguous', last, attempts: attempt };
          if (await verify()) return { kind: 'verified', last, attempts: attempt };
        }
        wait = backoff(attempt);
      }
      if (attempt < o.policy.attempts) {
        o.onRetry?.({ request: label, attempt, of: o.policy.attempts, reason: last, delayMs: wait });
        await sleep(wait);
      }
    }
    return { kind: 'exhausted', last, attempts: o.policy.attempts, ...(lastStatus !== undefined ? { status: lastStatus } : {}) };
  };
}
