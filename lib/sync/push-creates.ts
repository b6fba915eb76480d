import type { Store } from '@/db/schema';
import { loadLinksWithSources, markLinkHeld, type LinkWithSource, type OpenLink } from '@/lib/data/order-links';
import { saveStoreBatchSize } from '@/lib/data/store-sync-state';
import { adoptCopiesCreatedSince } from './adoption';
import { BatchConcurrency } from './batch-concurrency';
import { BatchQueue } from './batch-queue';
import { clampBatchSize, FIRST_BATCH_SIZE } from './batch-sizing';
import { buildCopy, copiesNameAccounts, customerEmailOf, skusOf, type CopyPolicy } from './copy-builder';
import type { CreateItem } from './create-claims';
import { sendBatch, type Sizing } from './create-sending';
import { directionCounts, issue } from './link-outcomes';
import type { OrderBody } from './order-snapshot';
import { allOrFirstError } from '@/lib/utils/all-or-first-error';
import type { RunContext } from './run-context';
import type { CustomerDirectory } from './customer-directory';
import type { SkuCache } from './sku-cache';
import type { TargetPacing } from './target-pacing';

const LOAD_CHUNK = 500;

/** Stops the producer and the workers of one target when the slice's time is spent; not an error. */
class SliceEnded extends Error {}
/** Prepared copies waiting for a batch: enough to keep every worker busy while the next chunk loads. */
const QUEUE_CAPACITY = LOAD_CHUNK;

/** What a run learns once per target and shares across its batches: the SKUs it carries, its customer accounts, its pace. */
export type TargetLookups = { skus: SkuCache; customers: CustomerDirectory; pacing: TargetPacing };

/**
 * Creates the copies these links ask for on one target: hold what cannot be copied, batch the rest.
 * Links may keep arriving (a pull still going on); batches go out while the next ones are prepared.
 */
export async function pushCreates(ctx: RunContext, target: Store, links: AsyncIterable<OpenLink[]>, lookups: TargetLookups): Promise<void> {
  // An earlier slice of this run left the target at a pace: start there rather than ramp up again.
  const pace = lookups.pacing.get(target.id);
  const sizing: Sizing = {
    size: clampBatchSize(target.batchSize ?? FIRST_BATCH_SIZE),
    speed: { msPerOrder: pace?.msPerOrder ?? null },
    learned: false,
  };
  const concurrency = BatchConcurrency.resume(ctx.tuning.storeConcurrency, pace?.concurrency ?? null);
  const queue = new BatchQueue<CreateItem>(QUEUE_CAPACITY);
  const produce = async () => {
    try {
      for await (const group of links) {
        for (let i = 0; i < group.length; i += LOAD_CHUNK) {
          const entries = await loadLinksWithSources(
            ctx.db,
            ctx.workspace.id,
            group.slice(i, i + LOAD_CHUNK).map((l) => l.id),
          );
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
async function sendAll(
  ctx: RunContext,
  target: Store,
  queue: BatchQueue<CreateItem>,
  sizing: Sizing,
  concurrency: BatchConcurrency,
  customers: CustomerDirectory,
): Promise<void> {
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

async function prepareCopies(
  ctx: RunContext,
  target: Store,
  entries: LinkWithSource[],
  { skus: skuCache, customers }: TargetLookups,
): Promise<CreateItem[]> {
  const graceStart = Date.now() - ctx.tuning.staleClaimGraceMs;
  // A claim this young may belong to a request the store is still working on: leave it to a later run.
  let usable = entries.filter((e) => e.link.state !== 'creating' || (e.link.claimedAt?.getTime() ?? 0) <= graceStart);
  const unfinished = usable.filter((e) => e.link.state === 'creating');
  if (ctx.listBeforeResending && unfinished.length > 0) {
    const since = new Date(Math.min(...unfinished.map((e) => e.link.claimedAt?.getTime() ?? Date.now())));
    const adopted = await adoptCopiesCreatedSince(
      ctx,
      target,
      unfinished.map((e) => e.link.id),
      since,
    );
    usable = usable.filter((e) => !adopted.has(e.link.id));
  }
  await skuCache.ensure(
    target,
    ctx.client(target),
    usable.flatMap((e) => skusOf(e.source.body as OrderBody)),
    ctx.signal,
  );
  const knownSkus = skuCache.knownSkus(target.id);
  const customerIds = copiesNameAccounts(ctx.workspace)
    ? await customers.idsFor(
        target,
        usable.map((e) => customerEmailOf(e.source.body as OrderBody)),
      )
    : new Map<string, number>();
  const policy: CopyPolicy = ctx.workspace;
  const held = new Map<string, LinkWithSource[]>();
  const ready: CreateItem[] = [];
  for (const entry of usable) {
    const source = ctx.storesById.get(entry.source.storeId);
    if (!source) continue;
    const plan = buildCopy(
      {
        storeId: source.id,
        storeName: source.name,
        remoteId: entry.source.remoteId,
        number: entry.source.number,
        status: entry.source.status,
        currency: entry.source.currency,
        body: entry.source.body as OrderBody,
      },
      { name: target.name, currency: target.currency, knownSkus, customerIds },
      policy,
      entry.link.id,
    );
    if (plan.kind === 'hold') held.set(plan.reason, [...(held.get(plan.reason) ?? []), entry]);
    // The payload now holds what the copy needs: the source's body need not wait in the queue too.
    else
      ready.push({
        entry: { link: entry.link, source: { ...entry.source, body: {} } },
        payload: plan.payload,
        hasNote: plan.note !== null,
        claimedAt: entry.link.state === 'creating' ? entry.link.claimedAt : null,
      });
  }
  for (const [reason, group] of held) {
    await markLinkHeld(
      ctx.db,
      ctx.workspace.id,
      group.map((e) => e.link.id),
      reason,
    );
    for (const e of group) {
      directionCounts(ctx, e).held += 1;
      ctx.held.push(issue(ctx, e, target, reason));
    }
    await ctx.events(
      group
        .filter((e) => e.link.state !== 'held' || e.link.lastError !== reason)
        .map((e) => ({ orderId: e.source.id, linkId: e.link.id, kind: 'held' as const, message: `Held for ${target.name}: ${reason}` })),
    );
  }
  return ready;
}
