/**
 * Compares a simulator response body with a captured one: same shape, same values — except what
 * legitimately differs between two stores (ids, dates, keys, URLs with ports and ids).
 */
const ID_KEYS = new Set(['id', 'product_id', 'variation_id', 'parent_id', 'rate_id']);
const ID_LIST_KEYS = new Set(['related_ids', 'variations', 'upsell_ids', 'cross_sell_ids']);
const OPAQUE_KEYS = new Set(['order_key', 'payment_url', 'href', 'permalink', 'number', 'delivery_url', 'cart_hash']);

export interface CompareOptions {
  /** Origin the capture was made against (e.g. http://127.0.0.1:8081) and the simulator's. */
  capturedOrigin: string;
  actualOrigin: string;
}

function describe(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 120) ?? 'undefined';
}

export function compareBodies(expected: unknown, actual: unknown, options: CompareOptions, at = '$'): string[] {
  const key =
    at
      .split('.')
      .pop()
      ?.replace(/\[\d+\]$/, '') ?? '';
  if (OPAQUE_KEYS.has(key)) return typeof expected === typeof actual ? [] : [`${at}: type ${typeof actual} ≠ ${typeof expected}`];
  if (key.startsWith('date_') && typeof expected === 'string') {
    return typeof actual === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(actual)
      ? []
      : [`${at}: ${describe(actual)} is not a WooCommerce date`];
  }
  if (ID_KEYS.has(key) && typeof expected === 'number') {
    if (typeof actual !== 'number') return [`${at}: ${describe(actual)} is not a number`];
    return (expected === 0) === (actual === 0) ? [] : [`${at}: ${actual} vs captured ${expected} (zero matters)`];
  }
  if (ID_LIST_KEYS.has(key) && Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length ? [] : [`${at}: ${describe(actual)} vs ${describe(expected)}`];
  }
  if (typeof expected === 'string') {
    const normalised = expected.split(options.capturedOrigin).join(options.actualOrigin);
    return actual === normalised ? [] : [`${at}: ${describe(actual)} ≠ ${describe(normalised)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array, got ${describe(actual)}`];
    if (actual.length !== expected.length) return [`${at}: length ${actual.length} ≠ ${expected.length}`];
    return expected.flatMap((item, index) => compareBodies(item, actual[index], options, `${at}[${index}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [`${at}: expected an object, got ${describe(actual)}`];
    const expectedObject = expected as Record<string, unknown>;
    const actualObject = actual as Record<string, unknown>;
    const problems = Object.keys(actualObject)
      .filter((name) => !(name in expectedObject))
      .map((name) => `${at}.${name}: not in the capture`);
    for (const name of Object.keys(expectedObject)) {
      if (!(name in actualObject)) problems.push(`${at}.${name}: missing`);
      else problems.push(...compareBodies(expectedObject[name], actualObject[name], options, `${at}.${name}`));
    }
    return problems;
  }
  return Object.is(expected, actual) ? [] : [`${at}: ${describe(actual)} ≠ ${describe(expected)}`];
}

const OAUTH_VALUE = /(oauth_(?:consumer_key|nonce|timestamp|signature))=[^&>]+/g;

/** Header values made comparable: the simulator's origin, redacted oauth values, ids in Location. */
export function normaliseHeader(name: string, value: string, options: CompareOptions): string {
  let result = value.split(options.actualOrigin).join(options.capturedOrigin).replace(OAUTH_VALUE, '$1=REDACTED');
  if (name === 'location') result = result.replace(/\/\d+$/, '/{id}');
  return result;
}
