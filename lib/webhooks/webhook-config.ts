import { privateStoreUrlsAllowed } from '@/lib/net/guarded-lookup';

export const PUBLIC_URL_VAR = 'ORDERBRIDGE_PUBLIC_URL';
export const WEBHOOKS_FLAG = 'ORDERBRIDGE_WEBHOOKS';

/** Where stores deliver webhooks: the app's public address. Null: no webhooks, stores are polled only. */
export type WebhookConfig = { baseUrl: string } | null;

/**
 * Webhooks are registered when the app has a public https address (`ORDERBRIDGE_PUBLIC_URL`), or a plain http
 * one while private store addresses are allowed (development: the stores are on this machine and can reach it).
 * `ORDERBRIDGE_WEBHOOKS=off` turns them off everywhere.
 */
export function webhookConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  if (['off', '0', 'false'].includes(env[WEBHOOKS_FLAG]?.trim().toLowerCase() ?? '')) return null;
  const raw = env[PUBLIC_URL_VAR]?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && privateStoreUrlsAllowed(env))) return null;
  return { baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

export function webhookDeliveryUrl(config: NonNullable<WebhookConfig>, token: string): string {
  return `${config.baseUrl}/api/webhooks/woo/${token}`;
}
