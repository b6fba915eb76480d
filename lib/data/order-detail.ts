import 'server-only';

import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { orderEvents, orderLinks, orders, stores, type Order, type OrderEvent, type StoreRole } from '../../db/schema';
import { targetChipsOf, type TargetChip } from './order-list';

export type OrderOrigin = {
  sourceOrderId: string;
  storeName: string;
  storeUrl: string;
  remoteId: number;
  number: string;
};

export type OrderDetail = {
  order: Order;
  store: { id: string; name: string; url: string; role: StoreRole };
  origin: OrderOrigin | null;
  targets: TargetChip[];
  events: Pick<OrderEvent, 'id' | 'kind' | 'message' | 'at' | 'linkId'>[];
};

const orderIdSchema = z.uuid();

export function isOrderId(value: string): boolean {
  return orderIdSchema.safeParse(value).success;
}

async function findOrigin(db: Db, workspaceId: string, order: Order): Promise<OrderOrigin | null> {
  if (!order.originLinkId) return null;
  const [row] = await db
    .select({
      sourceOrderId: orders.id,
      storeName: stores.name,
      storeUrl: stores.url,
      remoteId: orders.remoteId,
      number: orders.number,
    })
    .from(orderLinks)
    .innerJoin(orders, eq(orders.id, orderLinks.sourceOrderId))
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(and(eq(orderLinks.workspaceId, workspaceId), eq(orderLinks.id, order.originLinkId)))
    .limit(1);
  return row ?? null;
}

/** Everything the order page shows, or null when the order is not in this workspace. */
export async function getOrderDetail(db: Db, workspaceId: string, orderId: string): Promise<OrderDetail | null> {
  if (!isOrderId(orderId)) return null;
  const [row] = await db
    .select({ order: orders, store: { id: stores.id, name: stores.name, url: stores.url, role: stores.role }, targets: targetChipsOf(workspaceId, orders.id) })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, orderId)))
    .limit(1);
  if (!row) return null;

  const [origin, events] = await Promise.all([
    findOrigin(db, workspaceId, row.order),
    db
      .select({ id: orderEvents.id, kind: orderEvents.kind, message: orderEvents.message, at: orderEvents.at, linkId: orderEvents.linkId })
      .from(orderEvents)
      .where(and(eq(orderEvents.workspaceId, workspaceId), eq(orderEvents.orderId, orderId)))
      .orderBy(asc(orderEvents.at), asc(orderEvents.id)),
  ]);
  return { order: row.order, store: row.store, origin, targets: row.targets, events };
}

/** The order's own id and store, for actions that must prove the order is this workspace's first. */
export async function findWorkspaceOrder(db: Db, workspaceId: string, orderId: string) {
  if (!isOrderId(orderId)) return null;
  const [row] = await db
    .select({ id: orders.id, storeId: orders.storeId, number: orders.number, originRef: orders.originRef })
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, orderId)))
    .limit(1);
  return row ?? null;
}
