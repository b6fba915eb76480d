import { afterAll, beforeAll } from 'vitest';
import { startSimulator, type Simulator, type StoreHandle } from '@/simulator';
import { wcClient, type WcCall } from './wc-client';

/** A simulator with one store named "main" for the calling test file, and a signed client for it. */
export function oneStoreSimulator(): { readonly sim: Simulator; readonly store: StoreHandle; readonly call: WcCall } {
  const current = {} as { sim: Simulator; store: StoreHandle; call: WcCall };
  beforeAll(async () => {
    current.sim = await startSimulator({ stores: [{ name: 'main' }] });
    current.store = current.sim.store('main');
    current.call = wcClient(current.store.url, current.store.readWrite);
  });
  afterAll(() => current.sim.close());
  return current;
}
