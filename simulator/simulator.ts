import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { SimClock } from './clock';
import { createAdminHandler } from './http/admin-api';
import { createRequestListener } from './http/store-server';
import { SimStore } from './sim-store';
import { createStoreHandle, type StoreHandle } from './store-handle';
import type { StoreOptions } from './store-options';
import { selfSignedCertificate } from './tls';

export interface SimulatorOptions {
  stores: StoreOptions[];
  /** Shared by every store (they live in the same world); default a real-time clock. */
  clock?: SimClock;
}

export interface Simulator {
  stores: StoreHandle[];
  store(name: string): StoreHandle;
  clock: SimClock;
  close(): Promise<void>;
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

async function startStore(options: StoreOptions, index: number, clock: SimClock): Promise<StoreHandle> {
  const host = options.host ?? '127.0.0.1';
  const scheme = options.scheme ?? 'http';
  // Filled once the server listens; the handlers only run after that.
  const started: { handle?: StoreHandle; store?: SimStore } = {};
  const admin = createAdminHandler(() => {
    if (!started.handle) throw new Error('store not started');
    return started.handle;
  });
  // The server must listen before the store exists: a store's home URL includes its port.
  const listener = createRequestListener(
    () => {
      if (!started.store) throw new Error('store not started');
      return started.store;
    },
    admin,
    scheme === 'https',
  );
  const server: Server =
    scheme === 'https' ? createHttpsServer(options.tls ?? selfSignedCertificate(), listener) : createHttpServer(listener);
  server.keepAliveTimeout = 5000;
  const port = await listen(server, options.port ?? 0, host);
  const url = `${scheme}://${host}:${port}`;
  const store = new SimStore(options, options.homeUrl ?? url, clock, index);
  const handle = createStoreHandle(store, server, url, port);
  started.store = store;
  started.handle = handle;
  return handle;
}

/** Starts one HTTP(S) server per store; ports are chosen freely unless given. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const clock = options.clock ?? new SimClock();
  const stores: StoreHandle[] = [];
  try {
    for (const [index, storeOptions] of options.stores.entries()) stores.push(await startStore(storeOptions, index, clock));
  } catch (error) {
    await Promise.all(stores.map((store) => closeStore(store)));
    throw error;
  }
  return {
    stores,
    clock,
    store(name) {
      const found = stores.find((store) => store.name === name);
      if (!found) throw new Error(`No simulated store named ${name}`);
      return found;
    },
    close: async () => {
      await Promise.all(stores.map((store) => closeStore(store)));
    },
  };
}

async function closeStore(handle: StoreHandle): Promise<void> {
  await handle.webhooks.close();
  await new Promise<void>((resolve) => {
    handle.server.close(() => resolve());
    handle.server.closeAllConnections();
  });
}
