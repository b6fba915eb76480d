import type { Store } from '@/db/schema';
import { markLinksFailed, markLinksSynced, type CreatedCopy } from '@/lib/data/order-links';
import type { WooBatchItemResult } from '@/lib/woo/types';
import { totalsWarning } from './copy-builder';
import { linkIdFromMeta } from './copy-meta';
import type { CreateItem } from './create-claims';
import type { CustomerDirectory } from './customer-directory';
import { directionCounts, issue } from './link-outcomes';
import type { RunContext } from './run-context';

/** WooCommerce's answer for a customer id with no account behind it. */
const INVALID_CUSTOMER = 'woocommerce_rest_invalid_customer_id';

/**
 * Records a batch's answer: each answer is matched to its link by the UUID in its meta (by position when meta
 * is trimmed); copies made are marked synced, refusals failed. Returns the unanswered, and those refused for
 * a deleted customer account, now addressed as guests.
 */
export async function recordBatchAnswer(
  ctx: RunContext,
  target: Store,
  sent: CreateItem[],
  answers: WooBatchItemResult[],
  customers: CustomerDirectory,
): Promise<{ unanswered: CreateItem[]; asGuests: CreateItem[] }> {
  const asGuests: CreateItem[] = [];
  const byLink = new Map(sent.map((i) => [i.entry.link.id, i]));
  const created: CreatedCopy[] = [];
  const failures = new Map<string, CreateItem[]>();
  const answered = new Set<string>();
  const warnings: Array<{ item: CreateItem; message: string }> = [];
  answers.forEach((answer, index) => {
    const item = byLink.get(linkIdFromMeta(answer.meta_data) ?? '') ?? sent[index];
    if (!item || answered.has(item.entry.link.id)) return;
    if (answer.error) {
      if ((answer.error.data?.status ?? 400) >= 500) return;
      answered.add(item.entry.link.id);
      if (answer.error.code === INVALID_CUSTOMER && Number(item.payload.customer_id) > 0) {
        asGuests.push(item);
        return;
      }
      const reason = `${target.name} refused the copy: ${answer.error.message} (${answer.error.code})`;
      failures.set(reason, [...(failures.get(reason) ?? []), item]);
      return;
    }
    if (!answer.id) return;
    answered.add(item.entry.link.id);
    created.push({
      linkId: item.entry.link.id,
      remoteId: answer.id,
      number: String(answer.number ?? answer.id),
      sourceModifiedGmt: item.entry.source.dateModifiedGmt,
      sourcePulledAt: item.entry.source.pulledAt,
      noteDue: item.hasNote,
    });
    const warning = totalsWarning(item.entry.source.total, answer.total, item.entry.source.currency, target.name);
    if (warning) warnings.push({ item, message: warning });
  });
  await markLinksSynced(ctx.db, ctx.workspace.id, created);
  for (const copy of created) directionCounts(ctx, byLink.get(copy.linkId)!.entry).created += 1;
  await ctx.progress.add(target.id, 'done', created.length);
  await ctx.events([
    ...created.map((c) => ({
      orderId: byLink.get(c.linkId)!.entry.source.id,
      linkId: c.linkId,
      kind: 'created' as const,
      message: `Created copy #${c.number} on ${target.name}`,
    })),
    ...warnings.map((w) => ({
      orderId: w.item.entry.source.id,
      linkId: w.item.entry.link.id,
      kind: 'warning' as const,
      message: w.message,
    })),
  ]);
  for (const w of warnings) ctx.warnings.push(`Order #${w.item.entry.source.number}: ${w.message}`);
  for (const [reason, group] of failures) await failPermanently(ctx, target, group, reason);
  for (const item of asGuests) {
    await customers.forget(target, Number(item.payload.customer_id));
    item.payload = { ...item.payload, customer_id: 0 };
  }
  return { unanswered: sent.filter((i) => !answered.has(i.entry.link.id)), asGuests };
}

/** Certainly not created and not worth sending again by itself: shown with its reason, retried when a person asks. */
export async function failPermanently(ctx: RunContext, target: Store, items: CreateItem[], reason: string): Promise<void> {
  await markLinksFailed(
    ctx.db,
    ctx.workspace.id,
    items.map((i) => i.entry.link.id),
    { error: reason, retryAt: null },
  );
  await recordFailures(ctx, target, items, reason);
}

/** Certainly not created: a later run tries again. */
export async function failForNow(ctx: RunContext, target: Store, items: CreateItem[], reason: string): Promise<void> {
  await markLinksFailed(
    ctx.db,
    ctx.workspace.id,
    items.map((i) => i.entry.link.id),
    { error: reason, retryAt: new Date(Date.now() + ctx.tuning.retryLaterMs) },
  );
  await recordFailures(ctx, target, items, `${reason} (will retry)`);
}

async function recordFailures(ctx: RunContext, target: Store, items: CreateItem[], reason: string): Promise<void> {
  for (const item of items) {
    directionCounts(ctx, item.entry).failed += 1;
    ctx.failed.push(issue(ctx, item.entry, target, reason));
  }
  await ctx.events(
    items.map((i) => ({
      orderId: i.entry.source.id,
      linkId: i.entry.link.id,
      kind: 'failed' as const,
      message: `Copy to ${target.name} failed: ${reason}`,
    })),
  );
}
