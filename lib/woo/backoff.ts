export type BackoffPolicy = { baseDelayMs: number; maxDelayMs: number };

/** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^attempt)]. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt));
  return Math.round(random() * ceiling);
}

/** The store's Retry-After wins when it asks for longer than our own backoff. */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, retryAfterMs: number | null, random?: () => number): number {
  const own = backoffDelayMs(attempt, policy, random);
  return retryAfterMs === null ? own : Math.max(own, Math.min(retryAfterMs, policy.maxDelayMs * 4));
}
