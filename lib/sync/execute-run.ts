import type { Store } from '../../db/schema';
import { listLinksWithNoteDue, listOpenLinks, type OpenLink } from '../data/order-links';
import { recordStoreError } from '../data/store-sync-state';
import { isWooRequestError } from '../woo/errors';
import { pullStore } from './pull';
import { pushCreates } from './push-creates';
import { pushCopyNotes, pushUpdates } from './push-updates';
import type { RunContext } from './run-context';
import { SkuCache } from './sku-cache';
import { SimulatedCrash } from './types';

const SLOW_STORE_WAIT_MS = 5_000;

export type RunScope = { sourceOrderIds?: string[]; skipPull?: boolean };

/**
 * Pull every active store, then push to each target as soon as the stores it depends on (its sources and
 * itself) have been read, so one slow or failing store holds up only the work that needs it.
 */
export async function executeRun(ctx: RunContext, scope: RunScope = {}): Promise<void> {
  const active = ctx.stores.filter((s) => !s.paused);
  const pulls = new Map<string, Promise<boolean>>();
  for (const store of active) pulls.set(store.id, scope.skipPull ? Promise.resolve(true) : guardedPull(ctx, store));
  const allPulls = Promise.all(pulls.values());
  const settledTogether = await settlesWithin(allPulls, SLOW_STORE_WAIT_MS);

  const targets = active.filter((s) => dependenciesOf(ctx, s).length > 0);
  const skuCache = new SkuCache();
  await ctx.progress.setPhase('pushing');
  // When every pull is done at once (the usual case) one query finds the work of all targets.
  const shared = settledTogether ? await openLinks(ctx, scope) : null;
  await Promise.all(
    targets.map(async (target) => {
      const deps = await Promise.all([target, ...dependenciesOf(ctx, target)].map((s) => pulls.get(s.id) ?? Promise.resolve(false)));
      const links = shared ? shared.filter((l) => l.targetStoreId === target.id) : await openLinks(ctx, scope, target.id);
      await pushToTarget(ctx, target, links, skuCache, deps[0]);
    }),
  );
  // A store no push depends on is still being read: the run (and its lease) lasts until every pull ends.
  await allPulls;
}

function dependenciesOf(ctx: RunContext, target: Store): Store[] {
  if (target.role === 'sub') return target.receivesMainOrders && ctx.main && !ctx.main.paused ? [ctx.main] : [];
  return ctx.stores.filter((s) => s.role === 'sub' && !s.paused && s.sendsOrdersToMain);
}

function openLinks(ctx: RunContext, scope: RunScope, targetStoreId?: string): Promise<OpenLink[]> {
  return listOpenLinks(ctx.db, ctx.workspace.id, { includeHeldAndPermanentFailures: ctx.manual, sourceOrderIds: scope.sourceOrderIds, targetStoreId });
}

async function guardedPull(ctx: RunContext, store: Store): Promise<boolean> {
  try {
    await pullStore(ctx, store);
    return true;
  } catch (error) {
    if (!isWooRequestError(error)) throw error;
    await storeFailed(ctx, store, `Could not read orders from ${store.name}: ${error.message}`);
    return false;
  }
}

async function pushToTarget(ctx: RunContext, target: Store, links: OpenLink[], skuCache: SkuCache, targetWasRead: boolean): Promise<void> {
  const creates = links.filter((l) => l.state !== 'synced');
  const updates = links.filter((l) => l.state === 'synced' && l.needsUpdate);
  if (creates.length + updates.length === 0 && !links.some((l) => l.noteDue)) {
    await ctx.progress.update(target.id, { phase: 'done' });
    return;
  }
  await ctx.progress.update(target.id, { phase: 'pushing', total: creates.length + updates.length }, true);
  try {
    // Copies left by an unfinished attempt are adopted while reading the target; unread, it cannot be checked.
    if (!targetWasRead && creates.length > 0) {
      ctx.errors.push(`Skipped creating ${creates.length} order(s) on ${target.name} until its orders can be read`);
    } else {
      await pushCreates(ctx, target, creates, skuCache);
    }
    await pushUpdates(ctx, target, updates);
    const notes = await listLinksWithNoteDue(ctx.db, ctx.workspace.id, target.id, undefined);
    if (notes.length > 0) await pushCopyNotes(ctx, target, notes);
    await ctx.progress.update(target.id, { phase: 'done' }, true);
  } catch (error) {
    if (error instanceof SimulatedCrash || !isWooRequestError(error)) throw error;
    await storeFailed(ctx, target, `Could not sync to ${target.name}: ${error.message}`);
  }
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
