import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { stores, workspaces, type Store, type Workspace } from '@/db/schema';
import { encryptNewStoreCredentials } from '@/lib/crypto/store-credentials';

export type StoreEndpoint = {
  name: string;
  url: string;
  consumerKey: string;
  consumerSecret: string;
  currency?: string;
};

export type SyncWorkspaceFixture = { workspace: Workspace; main: Store; subs: Store[]; stores: Store[] };

export type SyncWorkspaceSettings = Partial<
  Pick<
    Workspace,
    'syncStartAt' | 'keepSubstoreCopiesUpdated' | 'customerEmailPolicy' | 'stockPolicy' | 'currencyMismatchPolicy' | 'addCopyNote'
  >
>;

/**
 * A workspace with a main store and substores pointing at any WooCommerce-compatible endpoints (the
 * simulator's stores in tests), credentials encrypted as the app stores them. Onboarding is done.
 */
export async function createSyncWorkspace(
  db: Db,
  input: {
    main: StoreEndpoint;
    subs: StoreEndpoint[];
    settings?: SyncWorkspaceSettings;
    /** When the stores were connected: with no sync start, orders created before it are history. */
    connectedAt?: Date;
    slug?: string;
  },
): Promise<SyncWorkspaceFixture> {
  const slug = input.slug ?? `sync-${randomBytes(4).toString('hex')}`;
  const [workspace] = await db
    .insert(workspaces)
    .values({ slug, name: `Workspace ${slug}`, onboardingStep: null, ...input.settings })
    .returning();
  const connectedAt = input.connectedAt ?? new Date(Date.now() - 24 * 3600_000);
  const rows = [{ endpoint: input.main, role: 'main' as const }, ...input.subs.map((endpoint) => ({ endpoint, role: 'sub' as const }))];
  const inserted: Store[] = [];
  for (const { endpoint, role } of rows) {
    const [store] = await db
      .insert(stores)
      .values({
        workspaceId: workspace.id,
        role,
        name: endpoint.name,
        url: endpoint.url,
        currency: endpoint.currency ?? 'USD',
        connectedAt,
        ...encryptNewStoreCredentials({ consumerKey: endpoint.consumerKey, consumerSecret: endpoint.consumerSecret }),
      })
      .returning();
    inserted.push(store);
  }
  return { workspace, main: inserted[0], subs: inserted.slice(1), stores: inserted };
}

export async function updateSyncSettings(db: Db, workspaceId: string, settings: SyncWorkspaceSettings): Promise<void> {
  await db.update(workspaces).set(settings).where(eq(workspaces.id, workspaceId));
}

export async function updateStoreForTest(
  db: Db,
  storeId: string,
  changes: Partial<Pick<Store, 'paused' | 'receivesMainOrders' | 'sendsOrdersToMain' | 'currency' | 'batchSize'>>,
): Promise<void> {
  await db.update(stores).set(changes).where(eq(stores.id, storeId));
}

/** How a simulator store (or any store handle with read/write keys) is connected. */
export function endpointOf(
  store: { name: string; url: string; readWrite: { consumerKey: string; consumerSecret: string } },
  currency = 'USD',
): StoreEndpoint {
  return {
    name: store.name,
    url: store.url,
    consumerKey: store.readWrite.consumerKey,
    consumerSecret: store.readWrite.consumerSecret,
    currency,
  };
}
