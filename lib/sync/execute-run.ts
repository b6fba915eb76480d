import type { Store } from '@/db/schema';
import { listLinksWithNoteDue, listNewCopiesWithRefundsDue, listOpenLinks, type OpenLink } from '@/lib/data/order-links';
import { recordStoreError } from '@/lib/data/store-sync-state';
import { withErrorContext } from '@/lib/log';
import { isWooRequestError } from '@/lib/woo/errors';
import { sourcesOf } from './link-planning';
import { pullStore } from './pull';
import { CustomerDirectory } from './customer-directory';
import { pushCreates, type TargetLookups } from './push-creates';
import { pushCopyNotes, pushUpdates } from './push-updates';
import type { RunContext } from './run-context';
import { SkuCache } from './sku-cache';
import { TargetPacing } from './target-pacing';
import { SimulatedCrash } from './types';

/** Pulls that end within this are listed once for all targets; slower ones are pushed from while they go on. */
const QUICK_PULL_MS = 1_000;

export type RunScope = {
  sourceOrderIds?: string[];
  skipPull?: boolean;
  alreadyPulled?: ReadonlySet<string>;
  lookups?: TargetLookups;
  /** A later slice of a run: a pull still to do was cut short by an earlier slice, so it is a long one. */
  resumed?: boolean;
};

/**
 * Pull every active store and push to each target once it has been read itself. Copies of orders from
 * stores still being pulled go out as their pages are indexed, so a long pull and the pushes overlap and
 * one slow or failing store holds up only the work that needs it.
 */
export async function executeRun(ctx: RunContext, scope: RunScope = {}): Promise<void> {
  const active = ctx.stores.filter((s) => !s.paused);
  const pulls = new Map<string, Promise<boolean>>();
  for (const store of active)
    pulls.set(store.id, scope.skipPull || scope.alreadyPulled?.has(store.id) ? Promise.resolve(true) : guardedPull(ctx, store));
  const allPulls = Promise.all(pulls.values());
  // A pull a slice boundary cut is long: its backlog of copies goes out at once, not after waiting to see.
  const settledTogether = await settlesWithin(allPulls, scope.resumed ? 0 : QUICK_PULL_MS);

  const targets = active.filter((s) => dependenciesOf(ctx, s).length > 0);
  const lookups: TargetLookups = scope.lookups ?? {
    skus: new SkuCache(),
    customers: new CustomerDirectory(ctx),
    pacing: new TargetPacing(),
  };
  await ctx.progress.setPhase('pushing');
  // When every pull is done at once (the usual case) one query finds the work of all targets.
  const shared = settledTogether ? await openLinks(ctx, scope) : null;
  await Promise.all(
    targets.map(async (target) => {
      const targetWasRead = await (pulls.get(target.id) ?? Promise.resolve(false));
      const sourcesRead = Promise.all(dependenciesOf(ctx, target).map((s) => pulls.get(s.id) ?? Promise.resolve(false)));
      const links = shared
        ? once(shared.filter((l) => l.targetStoreId === target.id))
        : linksAsTheyArePlanned(ctx, scope, target.id, sourcesRead);
      await pushToTarget(ctx, target, links, lookups, targetWasRead);
    }),
  );
  // A store no push depends on is still being read: the run (and its lease) lasts until every pull ends.
  await allPulls;
}

async function* once(links: OpenLink[]): AsyncIterable<OpenLink[]> {
  yield links;
}

/**
 * The target's open links, first those planned so far, then each time pulled pages add more, until a
 * listing made after every source was read. A link is handed out once per run.
 */
async function* linksAsTheyArePlanned(
  ctx: RunContext,
  scope: RunScope,
  targetStoreId: string,
  sourcesRead: Promise<unknown>,
): AsyncIterable<OpenLink[]> {
  let sourcesDone = false;
  const settled = sourcesRead.then(
    () => (sourcesDone = true),
    () => (sourcesDone = true),
  );
  const handedOut = new Set<string>();
  for (;;) {
    const finalListing = sourcesDone;
    const nextPage = ctx.pagesIndexed.next();
    const fresh = (await openLinks(ctx, scope, targetStoreId)).filter((l) => !handedOut.has(l.id));
    for (const link of fresh) handedOut.add(link.id);
    if (fresh.length > 0) yield fresh;
    if (finalListing) return;
    if (fresh.length === 0) await Promise.race([nextPage, settled]);
  }
}

function dependenciesOf(ctx: RunContext, target: Store): Store[] {
  return sourcesOf(target, ctx.stores).filter((s) => !s.paused);
}

function openLinks(ctx: RunContext, scope: RunScope, targetStoreId?: string): Promise<OpenLink[]> {
  return listOpenLinks(ctx.db, ctx.workspace.id, {
    includeHeldAndPermanentFailures: ctx.manual,
    sourceOrderIds: scope.sourceOrderIds,
    targetStoreId,
  });
}

/** Whether the store was read to the end: only then are its unfinished claims known to be adopted or not. */
async function guardedPull(ctx: RunContext, store: Store): Promise<boolean> {
  try {
    const { complete } = await pullStore(ctx, store);
    if (complete) ctx.pullsCompleted.add(store.id);
    return complete;
  } catch (error) {
    if (!isWooRequestError(error) || ctx.signal.aborted) throw cancellationOr(ctx, error, store);
    await storeFailed(ctx, store, `Could not read orders from ${store.name}: ${error.message}`);
    return false;
  }
}

async function pushToTarget(
  ctx: RunContext,
  target: Store,
  links: AsyncIterable<OpenLink[]>,
  lookups: TargetLookups,
  targetWasRead: boolean,
): Promise<void> {
  const updates: OpenLink[] = [];
  let skipped = 0;
  let started = false;
  let notesMayBeDue = false;
  const creates = async function* (): AsyncIterable<OpenLink[]> {
    for await (const group of links) {
      const toCreate = group.filter((l) => l.state !== 'synced');
      const toUpdate = group.filter((l) => l.state === 'synced' && l.needsUpdate);
      notesMayBeDue ||= toCreate.length + toUpdate.length > 0 || group.some((l) => l.noteDue);
      updates.push(...toUpdate);
      if (toCreate.length + toUpdate.length > 0) {
        if (!started) await ctx.progress.update(target.id, { phase: 'pushing' }, true);
        started = true;
        await ctx.progress.add(target.id, 'total', toCreate.length + toUpdate.length);
      }
      // Copies left by an unfinished attempt are adopted while reading the target; unread, it cannot be checked.
      if (!targetWasRead) skipped += toCreate.length;
      else if (toCreate.length > 0) yield toCreate;
    }
  };
  // Clocks of the app and the database may differ a little: a margin, at worst an update a run early.
  const createsFrom = new Date(Date.now() - 60_000);
  try {
    await pushCreates(ctx, target, creates(), lookups);
    if (started && !ctx.sliceEnded) {
      const listed = new Set(updates.map((l) => l.id));
      updates.push(
        ...(await listNewCopiesWithRefundsDue(ctx.db, ctx.workspace.id, target.id, createsFrom)).filter((l) => !listed.has(l.id)),
      );
    }
    // A slice that stopped reading the target early leaves its creates to the next slice: no error.
    if (skipped > 0 && !ctx.sliceEnded)
      ctx.errors.push(`Skipped creating ${skipped} order(s) on ${target.name} until its orders can be read`);
    await pushUpdates(ctx, target, updates);
    if (notesMayBeDue) {
      const notes = await listLinksWithNoteDue(ctx.db, ctx.workspace.id, target.id);
      if (notes.length > 0) await pushCopyNotes(ctx, target, notes);
    }
    await ctx.progress.update(target.id, { phase: 'done' }, started);
  } catch (error) {
    if (error instanceof SimulatedCrash || !isWooRequestError(error) || ctx.signal.aborted) throw cancellationOr(ctx, error, target);
    await storeFailed(ctx, target, `Could not sync to ${target.name}: ${error.message}`);
  }
}

/** A request cut short because the run was cancelled is the run's failure, not the store's; anything else names the store for the log. */
function cancellationOr(ctx: RunContext, error: unknown, store: Store): unknown {
  if (ctx.signal.aborted) return isWooRequestError(error) ? (ctx.signal.reason ?? error) : error;
  return withErrorContext(error, { storeId: store.id });
}

async function storeFailed(ctx: RunContext, store: Store, message: string): Promise<void> {
  ctx.errors.push(message);
  await ctx.progress.update(store.id, { phase: 'error', error: message }, true);
  await recordStoreError(ctx.db, ctx.workspace.id, store.id, message, new Date());
}

function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref?.();
    promise.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
