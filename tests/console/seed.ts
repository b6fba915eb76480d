import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import {
  orderEvents,
  orderLinks,
  orders,
  stores,
  syncRuns,
  workspaces,
  type LinkState,
  type OrderEventKind,
  type Store,
} from '@/db/schema';

/** Read-side fixtures written straight into the tables the engine fills. */
export async function seedWorkspace(db: Db, name: string) {
  const [workspace] = await db
    .insert(workspaces)
    .values({ slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 6)}`, name, onboardingStep: null })
    .returning();
  const storeRow = (role: 'main' | 'sub', storeName: string, port: number) => ({
    workspaceId: workspace.id,
    role,
    name: storeName,
    url: `http://127.0.0.1:${port}`,
    consumerKeyEncrypted: 'not-a-real-ciphertext',
    consumerSecretEncrypted: 'not-a-real-ciphertext',
    encryptionKeyId: 'test',
    consumerKeyLast4: 'abcd',
  });
  const inserted = await db
    .insert(stores)
    .values([storeRow('main', `${name} Main`, 8081), storeRow('sub', `${name} Sub A`, 8082), storeRow('sub', `${name} Sub B`, 8083)])
    .returning();
  const [main, subA, subB] = ['Main', 'Sub A', 'Sub B'].map((suffix) => inserted.find((s) => s.name === `${name} ${suffix}`)!) as [
    Store,
    Store,
    Store,
  ];
  return { workspace, main, subA, subB };
}

let remoteIdCounter = 1000;

export async function seedOrder(db: Db, store: Store, fields: Partial<typeof orders.$inferInsert> & { createdAt?: Date } = {}) {
  const remoteId = fields.remoteId ?? ++remoteIdCounter;
  const created = fields.createdAt ?? new Date();
  const [order] = await db
    .insert(orders)
    .values({
      workspaceId: store.workspaceId,
      storeId: store.id,
      remoteId,
      number: fields.number ?? String(remoteId),
      status: fields.status ?? 'processing',
      currency: fields.currency ?? 'EUR',
      total: fields.total ?? '42.50',
      customerEmail: fields.customerEmail ?? `customer${remoteId}@example.test`,
      customerName: fields.customerName ?? `Customer ${remoteId}`,
      dateCreatedGmt: created,
      dateModifiedGmt: fields.dateModifiedGmt ?? created,
      originRef: fields.originRef ?? null,
      originLinkId: fields.originLinkId ?? null,
      body: fields.body ?? {},
    })
    .returning();
  return order;
}

export async function seedLink(
  db: Db,
  sourceOrder: { id: string; workspaceId: string },
  target: Store,
  state: LinkState,
  extra: Partial<typeof orderLinks.$inferInsert> = {},
) {
  const [link] = await db
    .insert(orderLinks)
    .values({
      workspaceId: sourceOrder.workspaceId,
      sourceOrderId: sourceOrder.id,
      targetStoreId: target.id,
      direction: target.role === 'main' ? 'to_main' : 'to_sub',
      state,
      ...extra,
    })
    .returning();
  return link;
}

export async function seedEvent(
  db: Db,
  order: { id: string; workspaceId: string },
  kind: OrderEventKind,
  message: string,
  extra: Partial<typeof orderEvents.$inferInsert> = {},
) {
  const [event] = await db
    .insert(orderEvents)
    .values({ workspaceId: order.workspaceId, orderId: order.id, kind, message, ...extra })
    .returning();
  return event;
}

export async function seedRun(db: Db, workspaceId: string, fields: Partial<typeof syncRuns.$inferInsert> = {}) {
  const [run] = await db
    .insert(syncRuns)
    .values({ workspaceId, trigger: 'schedule', status: 'succeeded', ...fields })
    .returning();
  return run;
}
