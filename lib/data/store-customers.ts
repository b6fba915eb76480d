import 'server-only';

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { storeCustomers, stores } from '@/db/schema';

/** Customer ids on a store for these (lower-cased) emails; an email without an account is absent. */
export async function customerIdsByEmail(db: Db, workspaceId: string, storeId: string, emails: string[]): Promise<Map<string, number>> {
  if (emails.length === 0) return new Map();
  const rows = await db
    .select({ email: storeCustomers.email, remoteId: storeCustomers.remoteId })
    .from(storeCustomers)
    .where(and(eq(storeCustomers.workspaceId, workspaceId), eq(storeCustomers.storeId, storeId), inArray(storeCustomers.email, emails)));
  return new Map(rows.map((r) => [r.email, r.remoteId]));
}

/** Records customers read from the store and how far reading got; an email's newest account wins. */
export async function saveStoreCustomers(
  db: Db,
  workspaceId: string,
  storeId: string,
  customers: Array<{ email: string; remoteId: number }>,
  readUpTo: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    for (let i = 0; i < customers.length; i += 1000) {
      const chunk = customers.slice(i, i + 1000).map((c) => ({ workspaceId, storeId, email: c.email, remoteId: c.remoteId }));
      await tx
        .insert(storeCustomers)
        .values(chunk)
        .onConflictDoUpdate({
          target: [storeCustomers.storeId, storeCustomers.email],
          set: { remoteId: sql`greatest(${storeCustomers.remoteId}, excluded.remote_id)` },
        });
    }
    await tx
      .update(stores)
      .set({ customersReadUpTo: readUpTo })
      .where(and(eq(stores.workspaceId, workspaceId), eq(stores.id, storeId)));
  });
}

/** The store refused this customer id (the account was deleted): orders for that email go out as guests. */
export async function forgetStoreCustomer(db: Db, customer: { workspaceId: string; storeId: string; remoteId: number }): Promise<void> {
  const { workspaceId, storeId, remoteId } = customer;
  await db
    .delete(storeCustomers)
    .where(and(eq(storeCustomers.workspaceId, workspaceId), eq(storeCustomers.storeId, storeId), eq(storeCustomers.remoteId, remoteId)));
}
