import type { ApiKey, KeyRing } from './api-keys';
import { oauthBaseString, oauthSignature, parsePhpQuery, type OAuthSignatureMethod, type PhpParamValue } from './oauth-signature';
import { RestError } from './rest-errors';

const OAUTH_WINDOW_SECONDS = 15 * 60;
const REQUIRED_OAUTH_PARAMS = [
  'oauth_consumer_key',
  'oauth_timestamp',
  'oauth_nonce',
  'oauth_signature',
  'oauth_signature_method',
] as const;

export interface AuthRequest {
  method: string;
  secure: boolean;
  /** scheme://host[:port] of the store's home URL; the scheme is replaced by the request's own. */
  homeOrigin: string;
  path: string;
  rawQuery: string;
  authorization: string | undefined;
  formBody: string | null;
  nowSeconds: number;
}

export type AuthOutcome = { kind: 'key'; key: ApiKey } | { kind: 'anonymous' } | { kind: 'error'; error: RestError };

const authError = (message: string) => new RestError('woocommerce_rest_authentication_error', message, 401);

function basicCredentials(request: AuthRequest, query: Map<string, PhpParamValue>): [string, string] | null {
  const header = request.authorization;
  if (header?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator > 0 && separator < decoded.length - 1) return [decoded.slice(0, separator), decoded.slice(separator + 1)];
  }
  const key = query.get('consumer_key');
  const secret = query.get('consumer_secret');
  if (typeof key === 'string' && typeof secret === 'string' && key && secret) return [key, secret];
  return null;
}

function headerOAuthParams(header: string | undefined): Map<string, string> {
  const params = new Map<string, string>();
  if (!header?.toLowerCase().startsWith('oauth ')) return params;
  for (const match of header.slice(6).matchAll(/(\w+)="([^"]*)"/g)) {
    if (match[1].startsWith('oauth_')) params.set(match[1], decodeURIComponent(match[2]));
  }
  return params;
}

function authenticateOAuth(request: AuthRequest, keys: KeyRing, query: Map<string, PhpParamValue>): AuthOutcome {
  const params = new Map(query);
  if (request.formBody) for (const [key, value] of parsePhpQuery(request.formBody)) params.set(key, value);
  for (const [key, value] of headerOAuthParams(request.authorization)) params.set(key, value);
  const present = REQUIRED_OAUTH_PARAMS.filter((name) => typeof params.get(name) === 'string');
  if (present.length === 0) return { kind: 'anonymous' };
  const missing = REQUIRED_OAUTH_PARAMS.filter((name) => !present.includes(name));
  if (missing.length) {
    const noun = missing.length === 1 ? 'parameter' : 'parameters';
    const message = `Missing OAuth ${noun} ${missing.join(', ')}`;
    return { kind: 'error', error: new RestError('woocommerce_rest_authentication_missing_parameter', message, 401) };
  }

  const value = (name: string) => params.get(name) as string;
  const key = keys.find(value('oauth_consumer_key'));
  if (!key) return { kind: 'error', error: authError('Consumer key is invalid.') };
  const method = value('oauth_signature_method');
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') {
    return { kind: 'error', error: authError('Invalid signature - signature method is invalid.') };
  }
  const scheme = request.secure ? 'https' : 'http';
  const signedUrl = `${request.homeOrigin.replace(/^https?/, scheme)}${request.path}`;
  const expected = oauthSignature(oauthBaseString(request.method, signedUrl, params), key.consumerSecret, method as OAuthSignatureMethod);
  const provided = value('oauth_signature').replace(/ /g, '+');
  if (expected !== provided) {
    return { kind: 'error', error: authError('Invalid signature - provided signature does not match.') };
  }
  const timestamp = Number(value('oauth_timestamp'));
  if (!(Math.abs(timestamp - request.nowSeconds) <= OAUTH_WINDOW_SECONDS)) {
    return { kind: 'error', error: authError('Invalid timestamp.') };
  }
  if (!keys.useNonce(key.consumerKey, value('oauth_nonce'), timestamp, request.nowSeconds - OAUTH_WINDOW_SECONDS)) {
    return { kind: 'error', error: authError('Invalid nonce - nonce has already been used.') };
  }
  return { kind: 'key', key };
}

/**
 * WooCommerce's WC_REST_Authentication: over https, Basic or query keys (then OAuth as a fallback);
 * over http only OAuth 1.0a — Basic and query keys are silently ignored there.
 */
export function authenticate(request: AuthRequest, keys: KeyRing): AuthOutcome {
  const query = parsePhpQuery(request.rawQuery);
  if (request.secure) {
    const credentials = basicCredentials(request, query);
    if (credentials) {
      const key = keys.find(credentials[0]);
      if (key && key.consumerSecret === credentials[1]) return { kind: 'key', key };
      if (key) return { kind: 'error', error: authError('Consumer secret is invalid.') };
    }
  }
  return authenticateOAuth(request, keys, query);
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** WC_REST_Authentication::check_permissions, run before the route's own checks. */
export function checkKeyPermission(key: ApiKey, method: string): RestError | null {
  if (WRITE_METHODS.has(method) && key.permission === 'read') {
    return authError('The API key provided does not have write permissions.');
  }
  if (!WRITE_METHODS.has(method) && key.permission === 'write') {
    return authError('The API key provided does not have read permissions.');
  }
  return null;
}
