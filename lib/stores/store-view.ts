import type { Store, StoreRole } from '@/db/schema';

/** What a page may show about a store: never the encrypted credentials, only the key's last 4 characters. */
export type StoreView = {
  id: string;
  role: StoreRole;
  name: string;
  url: string;
  consumerKeyLast4: string;
  paused: boolean;
  receivesMainOrders: boolean;
  sendsOrdersToMain: boolean;
  currency: string | null;
  wooVersion: string | null;
  timezone: string | null;
  connectedAt: Date;
  lastContactAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
};

export function toStoreView(store: Store): StoreView {
  return {
    id: store.id,
    role: store.role,
    name: store.name,
    url: store.url,
    consumerKeyLast4: store.consumerKeyLast4,
    paused: store.paused,
    receivesMainOrders: store.receivesMainOrders,
    sendsOrdersToMain: store.sendsOrdersToMain,
    currency: store.currency,
    wooVersion: store.wooVersion,
    timezone: store.timezone,
    connectedAt: store.connectedAt,
    lastContactAt: store.lastContactAt,
    lastError: store.lastError,
    lastErrorAt: store.lastErrorAt,
  };
}
