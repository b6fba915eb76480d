import type { Store } from '../../db/schema';
import {
  claimLinksForCreate,
  loadLinksWithSources,
  markClaimAttempt,
  markLinkHeld,
  markLinksFailed,
  markLinksSynced,
  type CreatedCopy,
  type LinkWithSource,
  type OpenLink,
} from '../data/order-links';
import { saveStoreBatchSize } from '../data/store-sync-state';
import { retryDelayMs } from '@/lib/woo/backoff';
import { sleep } from '@/lib/utils/sleep';
import { isWooRequestError } from '../woo/errors';
import { batchOrders } from '../woo/orders-api';
import type { WooBatchItemResult } from '../woo/types';
import { adoptCopiesCreatedSince } from './adoption';
import { BatchConcurrency } from './batch-concurrency';
import { BatchQueue } from './batch-queue';
import { batchSizeFor, clampBatchSize, FIRST_BATCH_SIZE, observeBatchSpeed, shrinkAfterTimeout, type BatchSpeed } from './batch-sizing';
import { buildCopy, copiesNameAccounts, customerEmailOf, skusOf, totalsWarning, type CopyPolicy } from './copy-builder';
import { linkIdFromMeta } from './copy-meta';
import type { OrderBody } from './order-snapshot';
import { allOrFirstError } from '@/lib/utils/all-or-first-error';
import type { RunContext } from './run-context';
import type { CustomerDirectory } from './customer-directory';
import type { SkuCache } from './sku-cache';
import type { TargetPacing } from './target-pacing';
import type { SyncIssue } from './summary';

const LOAD_CHUNK = 500;

/** Stops the producer and the workers of one target when the slice's time is spent; not an error. */
class SliceEnded extends Error {}
/** WooCommerce's answer for a customer id with no account behind it. */
const INVALID_CUSTOMER = 'woocommerce_rest_invalid_customer_id';
/** Prepared copies waiting for a batch: enough to keep every worker busy while the next chunk loads. */
const QUEUE_CAPACITY = LOAD_CHUNK;

type CreateItem = { entry: LinkWithSource; payload: Record<string, unknown>; hasNote: boolean; claimedAt: Date | null };

type Sizing = { size: number; speed: BatchSpeed; learned: boolean };

/** What a run learns once per target and shares across its batches: the SKUs it carries, its customer accounts, its pace. */
export type TargetLookups = { skus: SkuCache; customers: CustomerDirectory; pacing: TargetPacing };

/**
 * Creates the copies these links ask for on one target: hold what cannot be copied, batch the rest.
 * Links may keep arriving (a pull still going on); batches go out while the next ones are prepared.
 */
export async function pushCreates(ctx: RunContext, target: Store, links: AsyncIterable<OpenLink[]>, lookups: TargetLookups): Promise<void> {
  // An earlier slice of this run left the target at a pace: start there rather than ramp up again.
  const pace = lookups.pacing.get(target.id);
  const sizing: Sizing = { size: clampBatchSize(target.batchSize ?? FIRST_BATCH_SIZE), speed: { msPerOrder: pace?.msPerOrder ?? null }, learned: false };
  const concurrency = BatchConcurrency.resume(ctx.tuning.storeConcurrency, pace?.concurrency ?? null);
  const queue = new BatchQueue<CreateItem>(QUEUE_CAPACITY);
  const produce = async () => {
    try {
      for await (const group of links) {
        for (let i = 0; i < group.length; i += LOAD_CHUNK) {
          const entries = await loadLinksWithSources(ctx.db, ctx.workspace.id, group.slice(i, i + LOAD_CHUNK).map((l) => l.id));
          await queue.push(await prepareCopies(ctx, target, entries, lookups));
        }
      }
      queue.close();
    } catch (error) {
      queue.fail(error);
      throw error;
    }
  };
  try {
    await allOrFirstError([produce(), sendAll(ctx, target, queue, sizing, concurrency, lookups.customers)]).catch((error: unknown) => {
      if (!(error instanceof SliceEnded)) throw error;
    });
  } finally {
    if (concurrency.sent > 0) lookups.pacing.remember(target.id, { concurrency: concurrency.state(), msPerOrder: sizing.speed.msPerOrder });
  }
  if (sizing.learned && sizing.size !== target.batchSize) await saveStoreBatchSize(ctx.db, ctx.workspace.id, target.id, sizing.size);
}

/**
 * Workers take batches off the queue. A store not measured yet gets one probe batch alone; after that,
 * as many batches in flight as the store turns into throughput (`BatchConcurrency`), from where an
 * earlier slice of the run left it.
 */
async function sendAll(ctx: RunContext, target: Store, queue: BatchQueue<CreateItem>, sizing: Sizing, concurrency: BatchConcurrency, customers: CustomerDirectory): Promise<void> {
  let probing = target.batchSize === null;
  let taken = 0;
  const worker = async (index: number) => {
    try {
      for (;;) {
        // A cancelled run stops the producer too, which may be waiting for room in the queue.
        ctx.signal.throwIfAborted();
        if (queue.finished) return;
        // A slice sends no batch that would outlast its time (after one, so every slice moves on); those in flight finish.
        if (taken > 0 && ctx.budgetSpent(expectedBatchMs(sizing))) throw new SliceEnded();
        if (index >= concurrency.limit || (probing && index > 0)) {
          await queue.idle();
          continue;
        }
        const batch = await queue.take(() => sizing.size);
        if (!batch) return;
        taken += 1;
        try {
          await concurrency.send((answered) => sendBatch(ctx, target, batch, sizing, customers, answered, () => concurrency.backOff()));
        } finally {
          probing = false;
          queue.nudge();
        }
      }
    } catch (error) {
      queue.fail(error);
      throw error;
    }
  };
  await allOrFirstError(Array.from({ length: Math.max(1, ctx.tuning.storeConcurrency) }, (_, i) => worker(i)));
}

/** How long the next batch should take at the speed seen so far; 0 while unknown. */
function expectedBatchMs(sizing: Sizing): number {
  return sizing.speed.msPerOrder === null ? 0 : sizing.speed.msPerOrder * sizing.size;
}

async function prepareCopies(ctx: RunContext, target: Store, entries: LinkWithSource[], { skus: skuCache, customers }: TargetLookups): Promise<CreateItem[]> {
  const graceStart = Date.now() - ctx.tuning.staleClaimGraceMs;
  // A claim this young may belong to a request the store is still working on: leave it to a later run.
  let usable = entries.filter((e) => e.link.state !== 'creating' || (e.link.claimedAt?.getTime() ?? 0) <= graceStart);
  const unfinished = usable.filter((e) => e.link.state === 'creating');
  if (ctx.listBeforeResending && unfinished.length > 0) {
    const since = new Date(Math.min(...unfinished.map((e) => e.link.claimedAt?.getTime() ?? Date.now())));
    const adopted = await adoptCopiesCreatedSince(ctx, target, unfinished.map((e) => e.link.id), since);
    usable = usable.filter((e) => !adopted.has(e.link.id));
  }
  await skuCache.ensure(target, ctx.client(target), usable.flatMap((e) => skusOf(e.source.body as OrderBody)), ctx.signal);
  const knownSkus = skuCache.knownSkus(target.id);
  const customerIds = copiesNameAccounts(ctx.workspace) ? await customers.idsFor(target, usable.map((e) => customerEmailOf(e.source.body as OrderBody))) : new Map<string, number>();
  const policy: CopyPolicy = ctx.workspace;
  const held = new Map<string, LinkWithSource[]>();
  const ready: CreateItem[] = [];
  for (const entry of usable) {
    const source = ctx.storesById.get(entry.source.storeId);
    if (!source) continue;
    const plan = buildCopy(
      { storeId: source.id, storeName: source.name, remoteId: entry.source.remoteId, number: entry.source.number, status: entry.source.status, currency: entry.source.currency, body: entry.source.body as OrderBody },
      { name: target.name, currency: target.currency, knownSkus, customerIds },
      policy,
      entry.link.id,
    );
    if (plan.kind === 'hold') held.set(plan.reason, [...(held.get(plan.reason) ?? []), entry]);
    // The payload now holds what the copy needs: the source's body need not wait in the queue too.
    else ready.push({ entry: { link: entry.link, source: { ...entry.source, body: {} } }, payload: plan.payload, hasNote: plan.note !== null, claimedAt: entry.link.state === 'creating' ? entry.link.claimedAt : null });
  }
  for (const [reason, group] of held) {
    await markLinkHeld(ctx.db, ctx.workspace.id, group.map((e) => e.link.id), reason);
    for (const e of group) {
      directionCounts(ctx, e).held += 1;
      ctx.held.push(issue(ctx, e, target, reason));
    }
    await ctx.events(group.filter((e) => e.link.state !== 'held' || e.link.lastError !== reason).map((e) => ({ orderId: e.source.id, linkId: e.link.id, kind: 'held' as const, message: `Held for ${target.name}: ${reason}` })));
  }
  return ready;
}

async function sendBatch(
  ctx: RunContext,
  target: Store,
  items: CreateItem[],
  sizing: Sizing,
  customers: CustomerDirectory,
  answered: (msPerOrder: number) => void,
  slowDown: () => void,
): Promise<void> {
  const ws = ctx.workspace.id;
  const fresh = items.filter((i) => i.claimedAt === null);
  const claims = await claimLinksForCreate(ctx.db, ws, fresh.map((i) => i.entry.link.id));
  const claimedAtById = new Map(claims.map((c) => [c.id, c.claimedAt]));
  for (const item of fresh) item.claimedAt = claimedAtById.get(item.entry.link.id) ?? null;
  // A link someone else moved on (synced meanwhile) is no longer ours to create.
  let remaining = items.filter((i) => i.claimedAt !== null);
  const stale = remaining.filter((i) => !fresh.includes(i));
  if (stale.length > 0) await markClaimAttempt(ctx.db, ws, stale.map((i) => i.entry.link.id));
  ctx.checkpoint('create.claimed');

  // Refused only for naming a deleted customer account: certainly not created, so sent again as guests.
  let asGuests: CreateItem[] = [];
  for (let attempt = 0; remaining.length > 0; attempt += 1) {
    const started = Date.now();
    try {
      const request = batchOrders(ctx.client(target), { create: remaining.map((i) => i.payload) }, ctx.tuning.batchTimeoutMs, ctx.signal);
      request.catch(() => undefined);
      ctx.checkpoint('create.in-flight');
      const response = await request;
      ctx.checkpoint('create.answered');
      const elapsed = Date.now() - started;
      sizing.speed = observeBatchSpeed(sizing.speed, elapsed, remaining.length);
      answered(elapsed / remaining.length);
      sizing.size = batchSizeFor(sizing.speed, ctx.tuning.batchBudgetMs, sizing.size);
      sizing.learned = true;
      const outcome = await recordBatchAnswer(ctx, target, remaining, response.create ?? [], customers);
      remaining = outcome.unanswered;
      asGuests.push(...outcome.asGuests);
      ctx.checkpoint('create.recorded');
      if (remaining.length === 0) {
        if (asGuests.length === 0) return;
        [remaining, asGuests] = [asGuests, []];
        continue;
      }
      // Items missing from the answer (a batch cut off midway) are as uncertain as a timeout.
    } catch (error) {
      if (!isWooRequestError(error)) throw error;
      const ids = remaining.map((i) => i.entry.link.id);
      if (error.kind === 'permanent') {
        await failPermanently(ctx, target, remaining, error.message);
        return;
      }
      if (error.kind === 'ambiguous' && (error.code === 'RESPONSE_TIMEOUT' || error.code === 'ECONNRESET')) sizing.size = shrinkAfterTimeout(sizing.size);
      slowDown();
      if (attempt + 1 >= ctx.tuning.retry.attempts) {
        if (error.kind === 'retryable') await failForNow(ctx, target, remaining, error.message);
        else ctx.errors.push(`${remaining.length} order(s) to ${target.name} left for the next run after: ${error.message}`);
        return;
      }
      await ctx.events(remaining.map((i) => ({ orderId: i.entry.source.id, linkId: i.entry.link.id, kind: 'retried' as const, message: `Retrying the copy to ${target.name} after: ${error.message}` })));
      await sleep(retryDelayMs(attempt, ctx.tuning.retry, error.retryAfterMs), ctx.signal);
      if (error.kind === 'retryable') {
        await markClaimAttempt(ctx.db, ws, ids);
        continue;
      }
    }
    const since = new Date(Math.min(...remaining.map((i) => i.claimedAt!.getTime())));
    const adopted = await adoptCopiesCreatedSince(ctx, target, remaining.map((i) => i.entry.link.id), since);
    for (const item of remaining.filter((i) => adopted.has(i.entry.link.id))) item.hasNote = false;
    remaining = [...remaining.filter((i) => !adopted.has(i.entry.link.id)), ...asGuests];
    asGuests = [];
    if (remaining.length === 0) return;
    if (attempt + 1 >= ctx.tuning.retry.attempts) {
      ctx.errors.push(`${remaining.length} order(s) to ${target.name} left for the next run: the store's answers stayed incomplete`);
      return;
    }
    await markClaimAttempt(ctx.db, ws, remaining.map((i) => i.entry.link.id));
  }
}

/**
 * Matches each answer to its link by the UUID in its meta (by position when meta is trimmed); returns the
 * unanswered, and those refused for a deleted customer account, now addressed as guests.
 */
async function recordBatchAnswer(
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
    created.push({ linkId: item.entry.link.id, remoteId: answer.id, number: String(answer.number ?? answer.id), sourceModifiedGmt: item.entry.source.dateModifiedGmt, noteDue: item.hasNote });
    const warning = totalsWarning(item.entry.source.total, answer.total, item.entry.source.currency, target.name);
    if (warning) warnings.push({ item, message: warning });
  });
  await markLinksSynced(ctx.db, ctx.workspace.id, created);
  for (const copy of created) directionCounts(ctx, byLink.get(copy.linkId)!.entry).created += 1;
  await ctx.progress.add(target.id, 'done', created.length);
  await ctx.events([
    ...created.map((c) => ({ orderId: byLink.get(c.linkId)!.entry.source.id, linkId: c.linkId, kind: 'created' as const, message: `Created copy #${c.number} on ${target.name}` })),
    ...warnings.map((w) => ({ orderId: w.item.entry.source.id, linkId: w.item.entry.link.id, kind: 'warning' as const, message: w.message })),
  ]);
  for (const w of warnings) ctx.warnings.push(`Order #${w.item.entry.source.number}: ${w.message}`);
  for (const [reason, group] of failures) await failPermanently(ctx, target, group, reason);
  for (const item of asGuests) {
    await customers.forget(target, Number(item.payload.customer_id));
    item.payload = { ...item.payload, customer_id: 0 };
  }
  return { unanswered: sent.filter((i) => !answered.has(i.entry.link.id)), asGuests };
}

async function failPermanently(ctx: RunContext, target: Store, items: CreateItem[], reason: string): Promise<void> {
  await markLinksFailed(ctx.db, ctx.workspace.id, items.map((i) => i.entry.link.id), { error: reason, retryAt: null });
  await recordFailures(ctx, target, items, reason);
}

async function failForNow(ctx: RunContext, target: Store, items: CreateItem[], reason: string): Promise<void> {
  await markLinksFailed(ctx.db, ctx.workspace.id, items.map((i) => i.entry.link.id), { error: reason, retryAt: new Date(Date.now() + ctx.tuning.retryLaterMs) });
  await recordFailures(ctx, target, items, `${reason} (will retry)`);
}

async function recordFailures(ctx: RunContext, target: Store, items: CreateItem[], reason: string): Promise<void> {
  for (const item of items) {
    directionCounts(ctx, item.entry).failed += 1;
    ctx.failed.push(issue(ctx, item.entry, target, reason));
  }
  await ctx.events(items.map((i) => ({ orderId: i.entry.source.id, linkId: i.entry.link.id, kind: 'failed' as const, message: `Copy to ${target.name} failed: ${reason}` })));
}

export function directionCounts(ctx: RunContext, entry: { link: { direction: 'to_sub' | 'to_main' } }) {
  return entry.link.direction === 'to_sub' ? ctx.counts.toSub : ctx.counts.toMain;
}

export function issue(ctx: RunContext, entry: LinkWithSource, target: Store, reason: string): SyncIssue {
  return {
    orderId: entry.source.id,
    orderNumber: entry.source.number,
    sourceStoreName: ctx.storesById.get(entry.source.storeId)?.name ?? 'unknown store',
    targetStoreName: target.name,
    reason,
  };
}
