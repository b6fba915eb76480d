import 'server-only';

import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { orderLinks, orders, stores, type Order, type StoreRole } from '@/db/schema';
import { listOrderEvents, type OrderEventView } from './order-events';
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
  events: OrderEventView[];
};

const orderIdSchema = z.uuid();

function isOrderId(value: string): boolean {
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
    .select({
      order: orders,
      store: { id: stores.id, name: stores.name, url: stores.url, role: stores.role },
      targets: targetChipsOf(workspaceId, orders.id),
    })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, orderId)))
    .limit(1);
  if (!row) return null;

  const [origin, events] = await Promise.all([findOrigin(db, workspaceId, row.order), listOrderEvents(db, workspaceId, orderId)]);
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
