import type { Store } from '@/db/schema';
import { claimLinkRefunds, saveMirroredRefunds, type LinkWithSource } from '@/lib/data/order-links';
import { indexedOrdersByRemoteId } from '@/lib/data/orders';
import { isWooRequestError } from '@/lib/woo/errors';
import { createOrderRefund, findSkus, getOrder, listOrderRefunds } from '@/lib/woo/orders-api';
import type { WooOrder } from '@/lib/woo/types';
import { copyHasMovedOn, describeLineChanges, lineChanges, lineEditPayload } from './line-edits';
import type { OrderBody } from './order-snapshot';
import { mirroredRefundIdsOn, planRefund, refundMarker, refundsToMirror } from './refunds';
import type { RunContext } from './run-context';

export type LifecyclePlan = {
  /** The copy's status before this update, as last read. */
  copyStatus: string | null;
  /** `line_items` to send with the update, when the source's lines changed and the copy has not moved on. */
  lineItems: Array<Record<string, unknown>> | null;
  lineSummary: string | null;
  /** What changed when the copy has moved on (left to the merchant); null once an edit was carried; undefined: unchanged. */
  changedAfterCopy: string | null | undefined;
  /** The source's lines, recorded as what the copy now reflects. */
  syncedLines: Array<Record<string, unknown>>;
  /** The store could not be asked about the copy: the update fails with this. */
  error: string | null;
};

/**
 * Looks at each source's lines against those its copy last reflected. Only when they changed is the copy
 * read: to edit it by its own line ids (with the amounts: WooCommerce does not recalculate an edited line),
 * or — when it was completed or refunded — to flag it "changed after copying" for the merchant. Lines the
 * target store's staff changed on the copy are never touched unless the source changed the same SKU.
 */
export async function planLifecycle(ctx: RunContext, target: Store, entries: LinkWithSource[]): Promise<Map<string, LifecyclePlan>> {
  const indexed = await indexedOrdersByRemoteId(ctx.db, {
    workspaceId: ctx.workspace.id,
    storeId: target.id,
    remoteIds: entries.map((e) => e.link.targetRemoteId!),
  });
  const plans = new Map<string, LifecyclePlan>();
  for (const entry of entries) {
    const sourceLines = (entry.source.body as OrderBody).line_items ?? [];
    const plan: LifecyclePlan = {
      copyStatus: indexed.get(entry.link.targetRemoteId!)?.status ?? null,
      lineItems: null,
      lineSummary: null,
      changedAfterCopy: undefined,
      syncedLines: sourceLines as Array<Record<string, unknown>>,
      error: null,
    };
    plans.set(entry.link.id, plan);
    // A link from before lines were recorded starts from the source as it is now.
    const baseline = entry.link.syncedLines as OrderBody['line_items'] | null;
    if (!baseline) continue;
    const sourceChanges = lineChanges(sourceLines, baseline);
    if (!sourceChanges || sourceChanges.length === 0) {
      if (entry.link.changedAfterCopy) await clearIfMatched(ctx, target, entry, plan, sourceLines);
      continue;
    }
    const summary = describeLineChanges(sourceChanges);
    try {
      const copy = await getOrder(ctx.client(target), entry.link.targetRemoteId!, ctx.signal);
      plan.copyStatus = copy.status;
      if (copyHasMovedOn(copy)) {
        plan.changedAfterCopy = `${summary} (copy is ${copy.status}${(copy.refunds ?? []).length > 0 ? ', with refunds' : ''})`;
        continue;
      }
      const changedSkus = new Set(sourceChanges.map((c) => c.sku));
      const onCopy = lineChanges(sourceLines, copy.line_items ?? []);
      if (onCopy === null) {
        plan.changedAfterCopy = `${summary} (a SKU is on more than one line of the copy)`;
        continue;
      }
      const toApply = onCopy.filter((c) => changedSkus.has(c.sku));
      const added = toApply.filter((c) => !c.copy).map((c) => c.sku);
      const found = added.length > 0 ? await findSkus(ctx.client(target), added, ctx.signal) : new Set<string>();
      const missing = added.filter((sku) => !found.has(sku));
      if (missing.length > 0) {
        plan.changedAfterCopy = `${summary} (SKU ${missing.join(', ')} is not on ${target.name})`;
        continue;
      }
      plan.lineItems = toApply.length > 0 ? lineEditPayload(toApply) : null;
      plan.lineSummary = summary;
      plan.changedAfterCopy = null;
    } catch (error) {
      if (!isWooRequestError(error)) throw error;
      plan.error = `Could not read copy #${entry.link.targetNumber}: ${error.message}`;
    }
  }
  return plans;
}

/** A copy flagged "changed after copying" whose lines the merchant made match the source's is flagged no more. */
async function clearIfMatched(
  ctx: RunContext,
  target: Store,
  entry: LinkWithSource,
  plan: LifecyclePlan,
  sourceLines: NonNullable<OrderBody['line_items']>,
): Promise<void> {
  try {
    const copy = await getOrder(ctx.client(target), entry.link.targetRemoteId!, ctx.signal);
    plan.copyStatus = copy.status;
    if (lineChanges(sourceLines, copy.line_items ?? [])?.length === 0) plan.changedAfterCopy = null;
  } catch (error) {
    if (!isWooRequestError(error)) throw error;
    plan.error = `Could not read copy #${entry.link.targetNumber}: ${error.message}`;
  }
}

export type RefundOutcome = { syncedRefundIds: number[]; mirrored: Array<{ sourceRefundId: number; amount: string }>; held: string | null };

type CopyState = Pick<WooOrder, 'total' | 'refunds' | 'line_items'>;

/**
 * Mirrors the source's new refunds onto the copy, one request each (WooCommerce has no batch route for
 * refunds). Exactly once: the link is claimed before the first is sent and each carries its source refund's
 * marker, so an attempt after a timeout or a crash reads the copy's refunds and skips those that landed.
 * A refund the copy cannot take (more than it has left, a line it lacks) is held with the reason.
 */
export async function mirrorRefunds(ctx: RunContext, target: Store, entry: LinkWithSource, copyNow: CopyState): Promise<RefundOutcome> {
  const body = entry.source.body as OrderBody;
  const synced = [...(entry.link.syncedRefundIds ?? [])];
  const outcome: RefundOutcome = { syncedRefundIds: synced, mirrored: [], held: null };
  let due = refundsToMirror(body, synced);
  const source = ctx.storesById.get(entry.source.storeId);
  if (due.length === 0 || !source) return outcome;
  const copyId = entry.link.targetRemoteId!;
  let copy = copyNow;
  if (entry.link.refundsClaimedAt) {
    // An earlier attempt was sending refunds when it stopped: those that landed carry their source refund's marker.
    const onCopy = mirroredRefundIdsOn(await listOrderRefunds(ctx.client(target), copyId, ctx.signal), source.id, entry.source.remoteId);
    synced.push(...due.filter((id) => onCopy.has(id)));
    due = due.filter((id) => !onCopy.has(id));
    if (due.length === 0) return outcome;
  }
  const sourceRefunds = new Map((await listOrderRefunds(ctx.client(source), entry.source.remoteId, ctx.signal)).map((r) => [r.id, r]));
  let claimed = false;
  for (const id of due) {
    const refund = sourceRefunds.get(id);
    if (!refund) continue; // deleted on the source since it was read
    const plan = planRefund(refund, {
      marker: refundMarker(source.id, entry.source.remoteId, id),
      copy,
      copyNumber: entry.link.targetNumber ?? String(copyId),
      targetName: target.name,
      sourceLabel: `${source.name} order #${entry.source.number}`,
      restock: ctx.workspace.stockPolicy === 'reduce',
    });
    if (plan.kind === 'hold') {
      outcome.held = plan.reason;
      return outcome;
    }
    if (!claimed) {
      await claimLinkRefunds(ctx.db, ctx.workspace.id, entry.link.id);
      claimed = true;
    }
    try {
      await createOrderRefund(ctx.client(target), copyId, plan.body, ctx.signal);
    } catch (error) {
      // "Invalid refund amount." comes as a 500, but it is a refusal: nothing was refunded, and asking again cannot help.
      if (isWooRequestError(error) && (error.kind === 'permanent' || error.code === 'woocommerce_rest_cannot_create_order_refund')) {
        outcome.held = `${target.name} refused the refund of ${String(plan.body.amount)}: ${error.message}`;
        return outcome;
      }
      throw error;
    }
    ctx.checkpoint('refund.sent');
    synced.push(id);
    await saveMirroredRefunds(ctx.db, { workspaceId: ctx.workspace.id, linkId: entry.link.id, refundIds: synced });
    outcome.mirrored.push({ sourceRefundId: id, amount: String(plan.body.amount) });
    copy = { ...copy, refunds: [{ id: 0, total: `-${String(plan.body.amount)}` }, ...(copy.refunds ?? [])] };
  }
  return outcome;
}
