import type { ProductSpec } from './catalogue';
import type { CostModel } from './cost-model';
import type { FaultOptions } from './faults';
import type { WebhookDeliveryOptions } from './webhook-dispatcher';

export interface StoreOptions {
  name: string;
  /** 0 or absent: a free port. */
  port?: number;
  host?: string;
  /** Defaults to `http(s)://host:port`; OAuth signatures must be made for exactly this URL. */
  homeUrl?: string;
  title?: string;
  currency?: string;
  /** A flat tax rate applied to lines, shipping and fees (default 0, as in the captures). */
  taxRatePercent?: number;
  utcOffsetMinutes?: number;
  products?: readonly ProductSpec[];
  /** SKUs this store does not sell, e.g. ['RW-CAP'] for a substore that lacks the cap. */
  missingSkus?: readonly string[];
  firstProductId?: number;
  firstOrderId?: number;
  /** Seeds keys, order keys, faults and webhook randomness. */
  seed?: number;
  /**
   * 'https' serves TLS with a throwaway self-signed certificate (or `tls` if given); Basic and query-key
   * auth only work there. 'http' (default) accepts OAuth 1.0a only, as a real store over http.
   */
  scheme?: 'http' | 'https';
  tls?: { key: string; cert: string };
  /** Treat `X-Forwarded-Proto: https` as https, like a store behind a TLS-terminating proxy. */
  trustForwardedProto?: boolean;
  cost?: Partial<CostModel>;
  faults?: Partial<FaultOptions>;
  webhooks?: Partial<WebhookDeliveryOptions>;
  /** Fixed keys instead of generated ones. */
  readWriteKey?: { consumerKey: string; consumerSecret: string };
  readOnlyKey?: { consumerKey: string; consumerSecret: string };
}

/** Stores are free by default (scale 0) so tests run fast; pass `cost: { scale }` to feel a real store. */
export const DEFAULT_TEST_COST_SCALE = 0;
