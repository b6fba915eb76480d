import { createHmac, randomBytes } from 'node:crypto';

function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * One-legged OAuth 1.0a (HMAC-SHA256), as WooCommerce requires over plain http: the signature covers the
 * method, the URL exactly as the store knows itself, and every query parameter. Returns the signed URL.
 */
export function signOAuthUrl(method: string, url: string, consumerKey: string, consumerSecret: string, nowMs = Date.now()): string {
  const parsed = new URL(url);
  const params = new Map(parsed.searchParams);
  params.set('oauth_consumer_key', consumerKey);
  params.set('oauth_nonce', randomBytes(16).toString('hex'));
  params.set('oauth_signature_method', 'HMAC-SHA256');
  params.set('oauth_timestamp', String(Math.floor(nowMs / 1000)));
  params.set('oauth_version', '1.0');
  const normalised = [...params.entries()]
    .map(([key, value]) => [encode(key), encode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const baseUrl = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  const baseString = [method.toUpperCase(), encode(baseUrl), encode(normalised)].join('&');
  const signature = createHmac('sha256', `${encode(consumerSecret)}&`)
    .update(baseString)
    .digest('base64');
  const signed = new URL(baseUrl);
  for (const [key, value] of params) signed.searchParams.set(key, value);
  signed.searchParams.set('oauth_signature', signature);
  return signed.toString();
}
