import { plural } from '@/lib/utils/plural';

const MAX_ERROR_LENGTH = 500;

/** Anything credential-shaped is cut out before an error reaches the history (WooCommerce keys, OAuth params, auth headers). */
const CREDENTIAL_RULES: Array<[RegExp, string]> = [
  [/\bc[ks]_[A-Za-z0-9]{8,}\b/g, '[redacted]'],
  [/\b(consumer_key|consumer_secret|oauth_signature|oauth_consumer_key)=[^&\s"']+/gi, '$1=[redacted]'],
  [/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._-]{8,}/g, '$1 [redacted]'],
  [/\/\/[^/\s:@]+:[^/\s@]+@/g, '//[redacted]@'],
];

export function redactCredentials(message: string): string {
  return CREDENTIAL_RULES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}

/** What the workspace's history says about a sync that Inngest gave up on after its retries. */
export function describeAbandonedSync(error: { name?: string; message?: string }, attempts: number): { error: string; summary: string } {
  const raw = (error.message ?? '').trim() || error.name || 'unknown error';
  const safe = redactCredentials(raw);
  const message = safe.length > MAX_ERROR_LENGTH ? `${safe.slice(0, MAX_ERROR_LENGTH - 1)}…` : safe;
  return {
    error: message,
    summary: `Scheduled sync failed after ${plural(attempts, 'attempt')}: ${message}`,
  };
}
