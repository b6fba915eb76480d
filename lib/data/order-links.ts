import 'server-only';

import { and, asc, eq, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import { resultRows, type Db } from '@/db/client';
import { orderLinks, orders, type Order, type OrderLink } from '@/db/schema';
import { refundHeldCondition, unsyncedLinkCondition } from './link-states';

export type LinkDirection = OrderLink['direction'];
export type LinkPlan = { sourceOrderId: string; targetStoreId: string; direction: LinkDirection };

/** One link per (source order, target store); planning twice is harmless. */
export async function planOrderLinks(db: Db, workspaceId: string, plans: LinkPlan[]): Promise<void> {
  if (plans.length === 0) return;
  await db
    .insert(orderLinks)
    .values(plans.map((p) => ({ ...p, workspaceId })))
    .onConflictDoNothing({ target: [orderLinks.sourceOrderId, orderLinks.targetStoreId] });
}

/** Synced links of sources the index just took a new version of now need an update. */
export async function flagLinksForUpdate(
  db: Db,
  workspaceId: string,
  changedSourceOrderIds: string[],
  directions: LinkDirection[],
): Promise<void> {
  if (changedSourceOrderIds.length === 0 || directions.length === 0) return;
  await db
    .update(orderLinks)
    .set({ needsUpdate: true, updatedAt: new Date() })
    .where(
      and(
        eq(orderLinks.workspaceId, workspaceId),
        inArray(orderLinks.sourceOrderId, changedSourceOrderIds),
        eq(orderLinks.state, 'synced'),
        inArray(orderLinks.direction, directions),
      ),
    );
}

/** Which of these remote orders on a store are copies we made (the loop guard's second check, after meta). */
export async function remoteIdsOfCopies(db: Db, of: { workspaceId: string; storeId: string; remoteIds: number[] }): Promise<Set<number>> {
  const { workspaceId, storeId, remoteIds } = of;
  if (remoteIds.length === 0) return new Set();
  const rows = await db
    .select({ remoteId: orderLinks.targetRemoteId })
    .from(orderLinks)
    .where(
      and(eq(orderLinks.workspaceId, workspaceId), eq(orderLinks.targetStoreId, storeId), inArray(orderLinks.targetRemoteId, remoteIds)),
    );
  return new Set(rows.map((r) => r.remoteId).filter((id): id is number => id !== null));
}

export type OpenLink = Pick<OrderLink, 'id' | 'targetStoreId' | 'sourceOrderId' | 'direction' | 'state' | 'needsUpdate' | 'noteDue'>;

const openLinkColumns = {
  id: orderLinks.id,
  targetStoreId: orderLinks.targetStoreId,
  sourceOrderId: orderLinks.sourceOrderId,
  direction: orderLinks.direction,
  state: orderLinks.state,
  needsUpdate: orderLinks.needsUpdate,
  noteDue: orderLinks.noteDue,
};

/**
 * Links with work left: not yet created, a claim left by a run that stopped (creating), a retry that is due,
 * an update or a note. Held links and permanent failures come back only when a person asks (Sync Now, Sync Order).
 */
export async function listOpenLinks(
  db: Db,
  workspaceId: string,
  options: { includeHeldAndPermanentFailures: boolean; sourceOrderIds?: string[]; targetStoreId?: string },
): Promise<OpenLink[]> {
  const due = or(
    inArray(orderLinks.state, ['pending', 'creating']),
    and(eq(orderLinks.state, 'failed'), isNotNull(orderLinks.nextAttemptAt), lte(orderLinks.nextAttemptAt, sql`now()`)),
    options.includeHeldAndPermanentFailures ? inArray(orderLinks.state, ['failed', 'held']) : undefined,
    and(eq(orderLinks.state, 'synced'), or(eq(orderLinks.needsUpdate, true), eq(orderLinks.noteDue, true))),
  );
  return db
    .select(openLinkColumns)
    .from(orderLinks)
    .where(
      and(
        eq(orderLinks.workspaceId, workspaceId),
        options.sourceOrderIds ? inArray(orderLinks.sourceOrderId, options.sourceOrderIds) : undefined,
        options.targetStoreId ? eq(orderLinks.targetStoreId, options.targetStoreId) : undefined,
        sql`(${unsyncedLinkCondition()} or ${orderLinks.noteDue})`,
        due,
      ),
    )
    .orderBy(asc(orderLinks.createdAt), asc(orderLinks.id));
}

export type LinkWithSource = { link: OrderLink; source: Order };

export async function loadLinksWithSources(db: Db, workspaceId: string, linkIds: string[]): Promise<LinkWithSource[]> {
  if (linkIds.length === 0) return [];
  const rows = await db
    .select({ link: orderLinks, source: orders })
    .from(orderLinks)
    .innerJoin(orders, eq(orders.id, orderLinks.sourceOrderId))
    .where(and(eq(orderLinks.workspaceId, workspaceId), inArray(orderLinks.id, linkIds)));
  const byId = new Map(rows.map((r) => [r.link.id, r]));
  return linkIds.map((id) => byId.get(id)).filter((r): r is LinkWithSource => r !== undefined);
}

export async function listLinksOfSourceOrder(db: Db, workspaceId: string, sourceOrderId: string): Promise<OrderLink[]> {
  return db
    .select()
    .from(orderLinks)
    .where(and(eq(orderLinks.workspaceId, workspaceId), eq(orderLinks.sourceOrderId, sourceOrderId)));
}

/** The claim: from here on a crash leaves `creating`, and the next run looks for the copy before sending again. */
export async function claimLinksForCreate(db: Db, workspaceId: string, linkIds: string[]): Promise<Array<{ id: string; claimedAt: Date }>> {
  if (linkIds.length === 0) return [];
  const rows = await db
    .update(orderLinks)
    .set({ state: 'creating', claimedAt: sql`now()`, attempts: sql`${orderLinks.attempts} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(orderLinks.workspaceId, workspaceId),
        inArray(orderLinks.id, linkIds),
        inArray(orderLinks.state, ['pending', 'failed', 'held']),
      ),
    )
    .returning({ id: orderLinks.id, claimedAt: orderLinks.claimedAt });
  return rows.map((r) => ({ id: r.id, claimedAt: r.claimedAt ?? new Date() }));
}

export async function markClaimAttempt(db: Db, workspaceId: string, linkIds: string[]): Promise<void> {
  if (linkIds.length === 0) return;
  await db
    .update(orderLinks)
    .set({ attempts: sql`${orderLinks.attempts} + 1`, updatedAt: new Date() })
    .where(and(eq(orderLinks.workspaceId, workspaceId), inArray(orderLinks.id, linkIds)));
}

/** `sourcePulledAt`: when the version of the source the copy was built from was read (`orders.pulled_at`). */
export type CreatedCopy = {
  linkId: string;
  remoteId: number;
  number: string;
  sourceModifiedGmt: Date;
  sourcePulledAt: Date;
  noteDue: boolean;
};

export async function markLinksSynced(db: Db, workspaceId: string, copies: CreatedCopy[]): Promise<void> {
  if (copies.length === 0) return;
  const values = sql.join(
    copies.map(
      (c) =>
        sql`(${c.linkId}::uuid, ${c.remoteId}::bigint, ${c.number}::text, ${c.sourceModifiedGmt.toISOString()}::timestamptz, ${c.sourcePulledAt.toISOString()}::timestamptz, ${c.noteDue}::boolean)`,
    ),
    sql`, `,
  );
  // A pull may be indexing a newer version of a source right now; while the link is not synced yet it cannot flag
  // it. Reading the sources with a lock waits for that pull to commit, so a change made while the copy was being
  // created (a refund, a new status — within the same second too) is seen here and the link is left needing an update.
  await db.execute(sql`
    with copied as (select id, remote_id, number, modified, pulled, note_due from (values ${values}) as v(id, remote_id, number, modified, pulled, note_due)),
    sources as (
      select o.id, o.date_modified_gmt, o.pulled_at, o.body from orders as o
      where o.id in (select l.source_order_id from order_links as l join copied on copied.id = l.id)
      for share
    )
    update order_links as l set
      state = 'synced', target_remote_id = v.remote_id, target_number = v.number, synced_source_modified_gmt = v.modified,
      notes_since_gmt = v.modified, note_due = v.note_due, last_error = null, next_attempt_at = null, updated_at = now(),
      needs_update = o.date_modified_gmt > v.modified or o.pulled_at <> v.pulled or coalesce(jsonb_array_length(o.body->'refunds'), 0) > 0,
      synced_lines = o.body->'line_items'
    from copied as v, sources as o
    where l.id = v.id and o.id = l.source_order_id and l.workspace_id = ${workspaceId}::uuid`);
}

/** `retryAt` null means a permanent failure: shown with its reason, retried only when a person asks. */
export async function markLinksFailed(
  db: Db,
  workspaceId: string,
  linkIds: string[],
  failure: { error: string; retryAt: Date | null },
): Promise<void> {
  if (linkIds.length === 0) return;
  await db
    .update(orderLinks)
    .set({ state: 'failed', lastError: failure.error.slice(0, 1000), nextAttemptAt: failure.retryAt, updatedAt: new Date() })
    .where(and(eq(orderLinks.workspaceId, workspaceId), inArray(orderLinks.id, linkIds)));
}

export async function markLinkHeld(db: Db, workspaceId: string, linkIds: string[], reason: string): Promise<void> {
  if (linkIds.length === 0) return;
  await db
    .update(orderLinks)
    .set({ state: 'held', lastError: reason, nextAttemptAt: null, updatedAt: new Date() })
    .where(
      and(
        eq(orderLinks.workspaceId, workspaceId),
        inArray(orderLinks.id, linkIds),
        inArray(orderLinks.state, ['pending', 'failed', 'held', 'creating']),
      ),
    );
}

export async function markLinkUpdated(
  db: Db,
  workspaceId: string,
  linkId: string,
  update: {
    sourceModifiedGmt: Date;
    /** The version of the source this update carried (`orders.pulled_at`). */
    sourcePulledAt: Date;
    syncedNoteIds: number[];
    syncedRefundIds?: number[];
    changedAfterCopy?: string | null;
    syncedLines?: Array<Record<string, unknown>>;
    lastError?: string | null;
  },
): Promise<void> {
  await db
    .update(orderLinks)
    .set({
      // A pull may have indexed a newer version while this one was being sent (within the same second too): the
      // source is read under a lock, so that pull commits first, and the link keeps needing an update.
      needsUpdate: sql`exists (select 1 from ${orders} as o where o.id = ${orderLinks.sourceOrderId} and (o.pulled_at <> ${update.sourcePulledAt.toISOString()}::timestamptz or o.date_modified_gmt > ${update.sourceModifiedGmt.toISOString()}::timestamptz) for share)`,
      syncedSourceModifiedGmt: update.sourceModifiedGmt,
      syncedNoteIds: update.syncedNoteIds,
      notesClaimedAt: null,
      ...(update.syncedRefundIds ? { syncedRefundIds: update.syncedRefundIds, refundsClaimedAt: null } : {}),
      ...(update.changedAfterCopy !== undefined ? { changedAfterCopy: update.changedAfterCopy } : {}),
      ...(update.syncedLines ? { syncedLines: update.syncedLines } : {}),
      lastError: update.lastError ?? null,
      updatedAt: new Date(),
    })
    .where(and(eq(orderLinks.workspaceId, workspaceId), eq(orderLinks.id, linkId)));
}

export async function markLinkUpdateFailed(db: Db, workspaceId: string, linkId: string, error: string): Promise<void> {
  await db
    .update(orderLinks)
    .set({ lastError: error.slice(0, 1000), updatedAt: new Date() })
    .where(and(eq(orderLinks.workspaceId, workspaceId), eq(orderLinks.id, linkId)));
}

/**
 * Marks notes as about to be sent to these copies: from here on a crash leaves the mark, and the next attempt
 * reads the copy's notes for ours before sending any again (WooCommerce notes carry no meta to find them by).
 */
export async function claimLinkNotes(db: Db, workspaceId: string, linkIds: string[]): Promise<void> {
  if (linkIds.length === 0) return;
  await db
    .update(orderLinks)
    .set({ notesClaimedAt: new Date() })
    .where(and(eq(orderLinks.workspaceId, workspaceId), inArray(orderLinks.id, linkIds)));
}

/** Refunds are about to be sent to this copy: a crash from here on leaves the mark, and the copy's refunds are read first next time. */
export async function claimLinkRefunds(db: Db, workspaceId: string, linkId: string): Promise<void> {
  await db
    .update(orderLinks)
    .set({ refundsClaimedAt: new Date() })
    .where(and(eq(orderLinks.workspaceId, workspaceId), eq(orderLinks.id, linkId)));
}

/** Kept after each refund, so a failure later in the same update does not lose what was mirrored. */
export async function saveMirroredRefunds(db: Db, link: { workspaceId: string; linkId: string; refundIds: number[] }): Promise<void> {
  const { workspaceId, linkId, refundIds } = link;
  await db
    .update(orderLinks)
    .set({ syncedRefundIds: refundIds, updatedAt: new Date() })
    .where(and(eq(orderLinks.workspaceId, workspaceId), eq(orderLinks.id, linkId)));
}

export async function markLinkNotesDone(db: Db, workspaceId: string, linkIds: string[]): Promise<void> {
  if (linkIds.length === 0) return;
  await db
    .update(orderLinks)
    .set({ noteDue: false, notesClaimedAt: null, updatedAt: new Date() })
    .where(and(eq(orderLinks.workspaceId, workspaceId), inArray(orderLinks.id, linkIds)));
}

export async function requestLinkUpdates(db: Db, workspaceId: string, linkIds: string[]): Promise<void> {
  if (linkIds.length === 0) return;
  await db
    .update(orderLinks)
    .set({ needsUpdate: true, updatedAt: new Date() })
    .where(and(eq(orderLinks.workspaceId, workspaceId), inArray(orderLinks.id, linkIds), eq(orderLinks.state, 'synced')));
}

/** Copies holding a refund are tried again when a person asks for a sync: their links now need an update. */
export async function requestHeldRefundRetries(db: Db, workspaceId: string): Promise<void> {
  await db
    .update(orderLinks)
    .set({ needsUpdate: true, updatedAt: new Date() })
    .where(and(eq(orderLinks.workspaceId, workspaceId), refundHeldCondition()));
}

export type FoundCopy = { linkId: string; remoteId: number; number: string };

/**
 * Copies found on a target that carry a link's UUID: an unfinished claim (a timeout, a crash) whose order
 * was created after all. Adopting them is what keeps a retry from creating a second copy.
 */
export async function adoptFoundCopies(
  db: Db,
  workspaceId: string,
  targetStoreId: string,
  copies: FoundCopy[],
): Promise<{ adopted: OrderLink[]; duplicates: FoundCopy[] }> {
  if (copies.length === 0) return { adopted: [], duplicates: [] };
  const values = sql.join(
    copies.map((c) => sql`(${c.linkId}::uuid, ${c.remoteId}::bigint, ${c.number}::text)`),
    sql`, `,
  );
  // Locked like in markLinksSynced: a pull indexing a newer version of the source commits first, and is seen here.
  // Which version the lost answer carried is unknown: one stamped in the claim's own second may have come after it.
  const result = await db.execute(sql`
    with found as (select id, remote_id, number from (values ${values}) as v(id, remote_id, number)),
    sources as (
      select o.id, o.date_modified_gmt, o.body from orders as o
      where o.id in (select l.source_order_id from order_links as l join found on found.id = l.id)
      for share
    )
    update order_links as l set
      state = 'synced', target_remote_id = v.remote_id, target_number = v.number, note_due = true,
      needs_update = o.date_modified_gmt >= date_trunc('second', coalesce(l.claimed_at, now())) or coalesce(jsonb_array_length(o.body->'refunds'), 0) > 0,
      synced_lines = o.body->'line_items',
      synced_source_modified_gmt = least(o.date_modified_gmt, coalesce(l.claimed_at, now())), notes_since_gmt = coalesce(l.claimed_at, now()),
      last_error = null, next_attempt_at = null, updated_at = now()
    from found as v, sources as o
    where l.id = v.id and o.id = l.source_order_id and l.workspace_id = ${workspaceId}::uuid
      and l.target_store_id = ${targetStoreId}::uuid and l.state <> 'synced'
    returning l.id, l.source_order_id`);
  const rows = resultRows<{ id: string }>(result);
  const adoptedIds = rows.map((r) => r.id);
  const adopted = adoptedIds.length ? await db.select().from(orderLinks).where(inArray(orderLinks.id, adoptedIds)) : [];
  const rest = copies.filter((c) => !adoptedIds.includes(c.linkId));
  if (rest.length === 0) return { adopted, duplicates: [] };
  const synced = await db
    .select({ id: orderLinks.id, remoteId: orderLinks.targetRemoteId })
    .from(orderLinks)
    .where(
      and(
        eq(orderLinks.workspaceId, workspaceId),
        eq(orderLinks.targetStoreId, targetStoreId),
        inArray(
          orderLinks.id,
          rest.map((c) => c.linkId),
        ),
      ),
    );
  const syncedRemote = new Map(synced.map((s) => [s.id, s.remoteId]));
  const duplicates = rest.filter((c) => syncedRemote.has(c.linkId) && syncedRemote.get(c.linkId) !== c.remoteId);
  return { adopted, duplicates };
}

/** Copies made since `since` of orders refunded before they were copied: their refunds follow in the same run. */
export async function listNewCopiesWithRefundsDue(db: Db, workspaceId: string, targetStoreId: string, since: Date): Promise<OpenLink[]> {
  return db
    .select(openLinkColumns)
    .from(orderLinks)
    .innerJoin(orders, eq(orders.id, orderLinks.sourceOrderId))
    .where(
      and(
        eq(orderLinks.workspaceId, workspaceId),
        eq(orderLinks.targetStoreId, targetStoreId),
        eq(orderLinks.state, 'synced'),
        eq(orderLinks.needsUpdate, true),
        sql`${orderLinks.updatedAt} >= ${since.toISOString()}::timestamptz`,
        sql`coalesce(jsonb_array_length(${orders.body}->'refunds'), 0) > 0`,
      ),
    );
}

export async function listLinksWithNoteDue(db: Db, workspaceId: string, targetStoreId: string): Promise<OpenLink[]> {
  return db
    .select(openLinkColumns)
    .from(orderLinks)
    .where(
      and(
        eq(orderLinks.workspaceId, workspaceId),
        eq(orderLinks.targetStoreId, targetStoreId),
        eq(orderLinks.state, 'synced'),
        eq(orderLinks.noteDue, true),
      ),
    );
}
