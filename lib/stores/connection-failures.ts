export const CHECK_STEPS = ['reachable', 'rest_api', 'woocommerce', 'keys', 'write', 'facts'] as const;
export type CheckStep = (typeof CHECK_STEPS)[number];

export const CHECK_STEP_LABELS: Record<CheckStep, string> = {
  reachable: 'Store reachable',
  rest_api: 'WordPress REST API found',
  woocommerce: 'WooCommerce REST API (wc/v3) present',
  keys: 'API keys accepted (read)',
  write: 'Write permission',
  facts: 'Store details',
};

export type ConnectionFailureCode =
  | 'forbidden_address'
  | 'dns_failure'
  | 'connection_refused'
  | 'timeout'
  | 'tls_error'
  | 'connection_failed'
  | 'response_too_large'
  | 'redirect'
  | 'html_instead_of_json'
  | 'rest_api_disabled'
  | 'not_wordpress'
  | 'not_woocommerce'
  | 'unknown_key'
  | 'secret_mismatch'
  | 'host_mismatch'
  | 'read_only_key'
  | 'cannot_read'
  | 'unexpected_response';

export type ConnectionFailure = {
  step: CheckStep;
  code: ConnectionFailureCode;
  /** What is wrong and what to do, safe to show the merchant (never contains credentials). */
  message: string;
  /** An address to offer instead (after a redirect, or the store's own home URL). */
  suggestedUrl?: string;
};

const KEYS_PAGE = 'WooCommerce → Settings → Advanced → REST API';

export const failureMessages = {
  redirect: (from: string, to: string, suggested: string) =>
    `${from} redirects to ${to}. WooCommerce checks requests against the store's own address, so connect with ${suggested} instead.`,
  htmlInsteadOfJson: (url: string) =>
    `${url} answered with a web page (HTML) instead of JSON. A security, maintenance-mode or caching plugin, or a firewall, is intercepting the WordPress REST API: let /wp-json/ through, then try again.`,
  restApiDisabled: (url: string) =>
    `${url}/wp-json/ returned 404 Not Found: the WordPress REST API is switched off or unreachable. In WordPress, choose any permalink setting except "Plain" (Settings → Permalinks) and make sure no plugin disables the REST API.`,
  notWordPress: (url: string) =>
    `${url} answered, but not as a WordPress site: /wp-json/ does not list any REST API namespaces. Check that this is the address of your WordPress store.`,
  notWooCommerce: (url: string) =>
    `${url} is a WordPress site, but WooCommerce's REST API (wc/v3) is not there. Install and activate WooCommerce on this site, then try again.`,
  unknownKey: (last4: string) =>
    `This store does not recognise the consumer key ending in …${last4}. Copy the key again from ${KEYS_PAGE} (it starts with ck_), or create a new Read/Write key there.`,
  keyNotAccepted: (last4: string) =>
    `This store did not accept the consumer key ending in …${last4}: WooCommerce does not know it, or the web server drops the Authorization header before WordPress sees it. Copy the key again from ${KEYS_PAGE} (or create a new Read/Write key); if it still fails, ask your host to pass the Authorization header through to PHP.`,
  secretMismatch: (last4: string) =>
    `The consumer secret does not match the key ending in …${last4}. Paste the secret (it starts with cs_) exactly as WooCommerce showed it; WooCommerce shows it only once, so if you no longer have it, create a new key in ${KEYS_PAGE}.`,
  hostMismatch: (entered: string, home: string) =>
    `The store calls itself ${home}, but you entered ${entered}. WooCommerce signs requests against its own address, so connect with ${home}.`,
  readOnlyKey: (last4: string) =>
    `The key ending in …${last4} is read-only, and Orderbridge must create orders. In ${KEYS_PAGE}, edit the key and set Permissions to "Read/Write" (or create a new Read/Write key).`,
  cannotRead: (last4: string, detail: string) =>
    `The key ending in …${last4} cannot read orders (${detail}). In ${KEYS_PAGE}, set the key's Permissions to "Read/Write", and make sure its user is a shop manager or administrator.`,
  unexpected: (what: string, status: number, detail: string | null) =>
    `${what} answered HTTP ${status}${detail ? ` ("${detail}")` : ''}. Check that the site works in a browser and try again; if it keeps happening, contact your host.`,
} as const;
