import type { StoreHttp } from './connection-check';

export type StoreFacts = {
  homeUrl: string | null;
  siteName: string | null;
  wooVersion: string | null;
  currency: string | null;
  timezone: string | null;
};

type KnownFacts = { homeUrl: string | null; siteName: string | null; timezone: string | null; orderCurrency: string | null };

async function readJson(http: StoreHttp, route: string): Promise<unknown> {
  try {
    const response = await http.woo('GET', route, undefined, Math.min(http.timeoutMs, 8_000));
    if (response.status !== 200) return null;
    return JSON.parse(response.bodyText) as unknown;
  } catch {
    return null;
  }
}

function stringAt(value: unknown, ...path: string[]): string | null {
  let current = value;
  for (const key of path) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  return typeof current === 'string' && current ? current : null;
}

/**
 * What the store says about itself, where it says it: `system_status` (version, currency), then
 * `settings/general` (currency), then the currency of its latest order. Missing facts are not failures.
 */
export async function readStoreFacts(http: StoreHttp, known: KnownFacts): Promise<StoreFacts> {
  const status = await readJson(http, 'system_status');
  const wooVersion = stringAt(status, 'environment', 'version');
  let currency = stringAt(status, 'settings', 'currency');
  const timezone = known.timezone ?? stringAt(status, 'environment', 'timezone') ?? stringAt(status, 'settings', 'timezone');
  if (!currency) {
    const general = await readJson(http, 'settings/general');
    const option = Array.isArray(general) ? general.find((o: { id?: unknown }) => o?.id === 'woocommerce_currency') : null;
    currency = stringAt(option, 'value');
  }
  return { homeUrl: known.homeUrl, siteName: known.siteName, wooVersion, currency: currency ?? known.orderCurrency, timezone };
}
