/** After how many failures a key starts to wait, and how long at most. */
export interface LoginBackoff {
  /** The failure that brings the first wait (5: the fifth failure in a row waits `baseDelayMs`). */
  failuresBeforeWait: number;
  /** The first wait; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface LoginThrottleOptions {
  perUsername: LoginBackoff;
  perAddress: LoginBackoff;
  /** A key's failures are forgotten this long after its last one. */
  forgetAfterMs: number;
  /** Keys kept at most; the oldest are dropped first. Default 100,000. */
  maxKeys?: number;
  nowMs?: () => number;
}

export type LoginVerdict =
  | { allowed: true }
  | {
      allowed: false;
      scope: 'username' | 'address';
      retryAfterMs: number;
      /** True for the first refusal of this wait only, so the audit log gets one row per wait, not a flood. */
      firstRefusal: boolean;
    };

interface Failures {
  count: number;
  lastAtMs: number;
  waitUntilMs: number;
  refusedDuringWait: boolean;
}

/**
 * Growing back-off for sign-ins, per username and per client address: from the `failuresBeforeWait`th
 * failure on, each one makes the key wait, `baseDelayMs` first, doubling up to `maxDelayMs`. A username's failures end at
 * its next successful sign-in; an address's only with time, so one known password cannot hide spraying.
 */
export interface LoginThrottle {
  check(username: string, address: string): LoginVerdict;
  failed(username: string, address: string): void;
  succeeded(username: string): void;
}

export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const nowMs = options.nowMs ?? (() => Date.now());
  const maxKeys = options.maxKeys ?? 100_000;
  const keys = new Map<string, Failures>();
  const usernameKey = (username: string) => `user:${username.trim().toLowerCase()}`;
  const addressKey = (address: string) => `addr:${address}`;

  const live = (key: string, now: number): Failures | undefined => {
    const failures = keys.get(key);
    if (failures && now - failures.lastAtMs >= options.forgetAfterMs && now >= failures.waitUntilMs) {
      keys.delete(key);
      return undefined;
    }
    return failures;
  };
  const waitFor = (key: string, now: number): { ms: number; first: boolean } => {
    const failures = live(key, now);
    const ms = Math.max(0, (failures?.waitUntilMs ?? 0) - now);
    if (ms === 0 || !failures) return { ms, first: false };
    const first = !failures.refusedDuringWait;
    failures.refusedDuringWait = true;
    return { ms, first };
  };
  const fail = (key: string, backoff: LoginBackoff, now: number) => {
    const failures = live(key, now) ?? { count: 0, lastAtMs: now, waitUntilMs: 0, refusedDuringWait: false };
    failures.count += 1;
    failures.lastAtMs = now;
    const over = failures.count - backoff.failuresBeforeWait;
    if (over >= 0) {
      // 2^over reaches Infinity only after a thousand failures; the cap keeps the wait finite.
      const delayMs = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** over);
      failures.waitUntilMs = now + delayMs;
      failures.refusedDuringWait = false;
    }
    keys.delete(key);
    keys.set(key, failures);
    while (keys.size > maxKeys) keys.delete(keys.keys().next().value!);
  };

  return {
    check(username, address) {
      const now = nowMs();
      const byUsername = waitFor(usernameKey(username), now);
      const byAddress = waitFor(addressKey(address), now);
      if (byUsername.ms === 0 && byAddress.ms === 0) return { allowed: true };
      const [scope, wait] =
        byUsername.ms >= byAddress.ms
          ? (['username', byUsername] as const)
          : (['address', byAddress] as const);
      return {
        allowed: false,
        scope,
        retryAfterMs: wait.ms,
        firstRefusal: byUsername.first || byAddress.first,
      };
    },
    failed(username, address) {
      const now = nowMs();
      fail(usernameKey(username), options.perUsername, now);
      fail(addressKey(address), options.perAddress, now);
    },
    succeeded(username) {
      keys.delete(usernameKey(username));
    },
  };
}
