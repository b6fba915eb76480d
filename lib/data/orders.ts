import 'server-only';

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { orders, type Order } from '@/db/schema';

export type PulledOrderRow = {
  remoteId: number;
  number: string;
  status: string;
  currency: string;
  total: string;
  customerEmail: string | null;
  customerName: string | null;
  dateCreatedGmt: Date;
  dateModifiedGmt: Date;
  originRef: string | null;
  originLinkId: string | null;
  body: Record<string, unknown>;
};

export type UpsertedOrder = { id: string; remoteId: number; dateCreatedGmt: Date; dateModifiedGmt: Date; originRef: string | null };

/** Re-reads are harmless: an older copy of an order never overwrites a newer one. */
export async function upsertPulledOrders(db: Db, workspaceId: string, storeId: string, rows: PulledOrderRow[]): Promise<UpsertedOrder[]> {
  if (rows.length === 0) return [];
  return db
    .insert(orders)
    .values(rows.map((row) => ({ ...row, workspaceId, storeId, pulledAt: new Date() })))
    .onConflictDoUpdate({
      target: [orders.storeId, orders.remoteId],
      set: {
        number: sql`excluded.number`,
        status: sql`excluded.status`,
        currency: sql`excluded.currency`,
        total: sql`excluded.total`,
        customerEmail: sql`excluded.customer_email`,
        customerName: sql`excluded.customer_name`,
        dateModifiedGmt: sql`excluded.date_modified_gmt`,
        originRef: sql`coalesce(${orders.originRef}, excluded.origin_ref)`,
        originLinkId: sql`coalesce(${orders.originLinkId}, excluded.origin_link_id)`,
        body: sql`excluded.body`,
        pulledAt: sql`excluded.pulled_at`,
      },
      setWhere: sql`${orders.dateModifiedGmt} <= excluded.date_modified_gmt`,
    })
    .returning({
      id: orders.id,
      remoteId: orders.remoteId,
      dateCreatedGmt: orders.dateCreatedGmt,
      dateModifiedGmt: orders.dateModifiedGmt,
      originRef: orders.originRef,
    });
}

export async function getOrderForSync(db: Db, workspaceId: string, orderId: string): Promise<Order | null> {
  const [row] = await db.select().from(orders).where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, orderId))).limit(1);
  return row ?? null;
}

/** An order of one store by its WooCommerce id. */
export async function findOrderByRemoteId(db: Db, order: { workspaceId: string; storeId: string; remoteId: number }): Promise<Order | null> {
  const { workspaceId, storeId, remoteId } = order;
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.storeId, storeId), eq(orders.remoteId, remoteId)))
    .limit(1);
  return row ?? null;
}

/** The index's rows of some orders of one store (copies, read back when their target was pulled), by remote id. */
export async function indexedOrdersByRemoteId(
  db: Db,
  of: { workspaceId: string; storeId: string; remoteIds: number[] },
): Promise<Map<number, Pick<Order, 'status' | 'body'>>> {
  const { workspaceId, storeId, remoteIds } = of;
  if (remoteIds.length === 0) return new Map();
  const rows = await db
    .select({ remoteId: orders.remoteId, status: orders.status, body: orders.body })
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.storeId, storeId), inArray(orders.remoteId, remoteIds)));
  return new Map(rows.map((r) => [r.remoteId, { status: r.status, body: r.body }]));
}
