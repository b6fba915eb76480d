import 'server-only';

import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { resultRows, type Db } from '@/db/client';
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

/** `changed`: this version of the order is new to the index (a re-read of the version it holds is not). */
export type UpsertedOrder = {
  id: string;
  remoteId: number;
  dateCreatedGmt: Date;
  dateModifiedGmt: Date;
  originRef: string | null;
  changed: boolean;
};

/**
 * Whether the index's row differs from `incoming` (`excluded` in an upsert, a values list) in what the order
 * index keeps. WooCommerce dates have whole seconds: an order changed again within the second it was read
 * keeps its modified time, so the content is compared too.
 */
function contentDiffers(incoming: 'excluded' | 'v'): SQL {
  const i = sql.raw(incoming);
  return sql`(${orders.number}, ${orders.status}, ${orders.currency}, ${orders.total}, ${orders.customerEmail}, ${orders.customerName}, ${orders.body})
    is distinct from (${i}.number, ${i}.status, ${i}.currency, ${i}.total, ${i}.customer_email, ${i}.customer_name, ${i}.body)`;
}

/** Re-reads are harmless: an older copy of an order never overwrites a newer one, and `pulledAt` moves only with a new version. */
export async function upsertPulledOrders(db: Db, workspaceId: string, storeId: string, rows: PulledOrderRow[]): Promise<UpsertedOrder[]> {
  if (rows.length === 0) return [];
  const pulledAt = new Date();
  const upserted = await db
    .insert(orders)
    .values(rows.map((row) => ({ ...row, workspaceId, storeId, pulledAt })))
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
        pulledAt: sql`case when ${orders.dateModifiedGmt} < excluded.date_modified_gmt or ${contentDiffers('excluded')} then excluded.pulled_at else ${orders.pulledAt} end`,
      },
      setWhere: sql`${orders.dateModifiedGmt} <= excluded.date_modified_gmt`,
    })
    .returning({
      id: orders.id,
      remoteId: orders.remoteId,
      dateCreatedGmt: orders.dateCreatedGmt,
      dateModifiedGmt: orders.dateModifiedGmt,
      originRef: orders.originRef,
      pulledAt: orders.pulledAt,
    });
  return upserted.map(({ pulledAt: versionPulledAt, ...order }) => ({
    ...order,
    changed: versionPulledAt.getTime() === pulledAt.getTime(),
  }));
}

/** Which of these rows of a store the index already holds in this very version: reading them again brought nothing new. */
export async function unchangedRemoteIds(db: Db, workspaceId: string, storeId: string, rows: PulledOrderRow[]): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.remoteId}::bigint, ${r.dateModifiedGmt.toISOString()}::timestamptz, ${r.number}::text, ${r.status}::text, ${r.currency}::text, ${r.total}::text, ${r.customerEmail}::text, ${r.customerName}::text, ${JSON.stringify(r.body)}::jsonb)`,
    ),
    sql`, `,
  );
  const result = await db.execute(sql`
    select v.remote_id from (values ${values}) as v(remote_id, date_modified_gmt, number, status, currency, total, customer_email, customer_name, body)
    join ${orders} on ${orders.workspaceId} = ${workspaceId}::uuid and ${orders.storeId} = ${storeId}::uuid and ${orders.remoteId} = v.remote_id
    where ${orders.dateModifiedGmt} = v.date_modified_gmt and not ${contentDiffers('v')}`);
  return new Set(resultRows<{ remote_id: string | number }>(result).map((r) => Number(r.remote_id)));
}

export async function getOrderForSync(db: Db, workspaceId: string, orderId: string): Promise<Order | null> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, orderId)))
    .limit(1);
  return row ?? null;
}

/** An order of one store by its WooCommerce id. */
export async function findOrderByRemoteId(
  db: Db,
  order: { workspaceId: string; storeId: string; remoteId: number },
): Promise<Order | null> {
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
