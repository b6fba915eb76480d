import { createHmac, randomBytes } from 'node:crypto';

export type OAuthSignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256';

/** PHP's rawurlencode (RFC 3986), which WooCommerce applies to every key and value. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A request parameter as PHP sees it: `status[]=a` arrives as an array under `status`. */
export type PhpParamValue = string | Array<[string, string]>;

function phpUrlDecode(raw: string): string {
  const spaced = raw.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Parses a query string the way PHP fills $_GET (one level of `key[]` / `key[sub]`). */
export function parsePhpQuery(search: string): Map<string, PhpParamValue> {
  const params = new Map<string, PhpParamValue>();
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (!query) return params;
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const separator = pair.indexOf('=');
    const rawKey = separator < 0 ? pair : pair.slice(0, separator);
    const rawValue = separator < 0 ? '' : pair.slice(separator + 1);
    const key = phpUrlDecode(rawKey);
    const value = phpUrlDecode(rawValue);
    const bracket = /^([^[]+)\[([^\]]*)\]$/.exec(key);
    if (!bracket) {
      params.set(key, value);
      continue;
    }
    const [, name, subKey] = bracket;
    const existing = params.get(name);
    const entries = Array.isArray(existing) ? existing : [];
    entries.push([subKey === '' ? String(entries.length) : subKey, value]);
    params.set(name, entries);
  }
  return params;
}

/** WooCommerce's check_oauth_signature: sort by key, encode, join (nested keys as key%5Bsub%5D). */
export function oauthBaseString(method: string, baseUrl: string, params: Map<string, PhpParamValue>): string {
  const keys = [...params.keys()].filter((key) => key !== 'oauth_signature').sort();
  const pieces: string[] = [];
  for (const key of keys) {
    const value = params.get(key) as PhpParamValue;
    if (Array.isArray(value)) {
      for (const [subKey, subValue] of value) pieces.push(rfc3986(`${rfc3986(key)}%5B${subKey}%5D=${rfc3986(subValue)}`));
    } else {
      pieces.push(rfc3986(`${rfc3986(key)}=${rfc3986(value)}`));
    }
  }
  return `${method.toUpperCase()}&${rfc3986(baseUrl)}&${pieces.join('%26')}`;
}

export function oauthSignature(baseString: string, consumerSecret: string, method: OAuthSignatureMethod): string {
  const algorithm = method === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  return createHmac(algorithm, `${consumerSecret}&`).update(baseString).digest('base64');
}

export interface SignUrlOptions {
  method: string;
  url: string;
  consumerKey: string;
  consumerSecret: string;
  signatureMethod?: OAuthSignatureMethod;
  timestamp?: number;
  nonce?: string;
  /** Sign for another origin than the one requested (to reproduce the host-mismatch trap). */
  signAsOrigin?: string;
}

/** One-legged OAuth 1.0a as WooCommerce expects it, with the oauth_* params in the query string. */
export function signOAuthUrl(options: SignUrlOptions): string {
  const url = new URL(options.url);
  const signatureMethod = options.signatureMethod ?? 'HMAC-SHA256';
  const oauth: Array<[string, string]> = [
    ['oauth_consumer_key', options.consumerKey],
    ['oauth_nonce', options.nonce ?? randomBytes(16).toString('hex')],
    ['oauth_signature_method', signatureMethod],
    ['oauth_timestamp', String(options.timestamp ?? Math.floor(Date.now() / 1000))],
  ];
  const query = [url.search.slice(1), ...oauth.map(([key, value]) => `${key}=${rfc3986(value)}`)].filter(Boolean).join('&');
  const signedOrigin = options.signAsOrigin ?? url.origin;
  const base = oauthBaseString(options.method, `${signedOrigin}${url.pathname}`, parsePhpQuery(query));
  const signature = oauthSignature(base, options.consumerSecret, signatureMethod);
  return `${url.origin}${url.pathname}?${query}&oauth_signature=${rfc3986(signature)}`;
}
