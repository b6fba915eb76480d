import type { Db } from '@/db/client';
import type { WooClient } from '@/lib/woo/client';

const DB_WRITES = new Set<PropertyKey>(['insert', 'update', 'delete', 'execute']);

/**
 * The database as the engine sees it during a run: every write (and raw statement) passes the fence first,
 * inside transactions too. Reads go straight through.
 */
export function fencedDb(db: Db, fence: () => void): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'transaction') {
        return (work: (tx: Db) => Promise<unknown>, config?: unknown) => {
          fence();
          return (value as (w: (tx: Db) => Promise<unknown>, c?: unknown) => Promise<unknown>).call(
            target,
            (tx: Db) => work(fencedDb(tx, fence)),
            config,
          );
        };
      }
      if (!DB_WRITES.has(property)) return value;
      return (...args: unknown[]) => {
        fence();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** A store client whose writes (anything but GET) pass the fence first. */
export function fencedClient(client: WooClient, fence: () => void): WooClient {
  return {
    ...client,
    request(method, path, options) {
      if (method !== 'get') fence();
      return client.request(method, path, options);
    },
    requestWithRetry(method, path, options) {
      if (method !== 'get') fence();
      return client.requestWithRetry(method, path, options);
    },
  };
}
