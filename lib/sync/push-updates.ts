import { plural } from '@/lib/utils/plural';
import type { Store } from '@/db/schema';
import {
  claimLinkNotes,
  loadLinksWithSources,
  markLinkNotesDone,
  markLinkUpdated,
  markLinkUpdateFailed,
  type LinkWithSource,
  type OpenLink,
} from '@/lib/data/order-links';
import { retryDelayMs } from '@/lib/woo/backoff';
import { sleep } from '@/lib/utils/sleep';
import { isWooRequestError } from '@/lib/woo/errors';
import { addPrivateOrderNote, batchOrders, listOrderNotes } from '@/lib/woo/orders-api';
import type { WooBatchItemResult } from '@/lib/woo/types';
import { buildUpdate, copyNote, suppressedEmailOf } from './copy-builder';
import { carriedNoteIdsOn, carriedNoteText, hasCopyNote, notesToCarry } from './notes';
import type { OrderBody } from './order-snapshot';
import { directionCounts, issue } from './link-outcomes';
import { allOrFirstError } from '@/lib/utils/all-or-first-error';
import { BatchConcurrency } from './batch-concurrency';
import { Pulse } from '@/lib/utils/pulse';
import { mirrorRefunds, planLifecycle, type LifecyclePlan, type RefundOutcome } from './push-lifecycle';
import type { NewOrderEvent } from '@/lib/data/order-events';
import type { RunContext } from './run-context';

const UPDATES_PER_BATCH = 100;

/** Carries status, customer note, line edits, refunds and new private notes of changed sources to their existing copies. */
export async function pushUpdates(ctx: RunContext, target: Store, links: OpenLink[]): Promise<void> {
  for (let i = 0; i < links.length; i += UPDATES_PER_BATCH) {
    if (i > 0 && ctx.budgetSpent()) return;
    const entries = (
      await loadLinksWithSources(
        ctx.db,
        ctx.workspace.id,
        links.slice(i, i + UPDATES_PER_BATCH).map((l) => l.id),
      )
    ).filter((e) => e.link.state === 'synced' && e.link.targetRemoteId !== null);
    const plans = await planLifecycle(ctx, target, entries);
    const updates: Array<{ entry: LinkWithSource; body: Record<string, unknown> }> = [];
    for (const entry of entries) {
      const plan = plans.get(entry.link.id)!;
      const update = buildUpdate({ status: entry.source.status, body: entry.source.body as OrderBody }, entry.link.targetRemoteId!);
      if (update.kind === 'hold') await failUpdate(ctx, target, entry, update.reason);
      else if (plan.error) await failUpdate(ctx, target, entry, plan.error);
      else updates.push({ entry, body: withLifecycle(update.body, entry.source.status, plan) });
    }
    if (updates.length === 0) continue;
    const answers = await sendUpdates(ctx, target, updates);
    if (!answers) continue;
    for (const [index, { entry }] of updates.entries()) {
      const answer = answers.find((a) => a.id === entry.link.targetRemoteId) ?? answers[index];
      if (!answer || answer.error) {
        await failUpdate(
          ctx,
          target,
          entry,
          answer?.error ? `${answer.error.message} (${answer.error.code})` : 'the store did not answer for this order',
        );
        continue;
      }
      let refunds: RefundOutcome | null = null;
      try {
        // The batch answer is the copy as the update left it: its lines, total and refunds.
        refunds = await mirrorRefunds(ctx, target, entry, {
          total: answer.total ?? '0',
          refunds: answer.refunds ?? [],
          line_items: answer.line_items ?? [],
        });
      } catch (error) {
        if (!isWooRequestError(error)) throw error;
        await failUpdate(ctx, target, entry, `Refund not mirrored yet: ${error.message}`);
        continue;
      }
      await carryNotesAndFinish(ctx, target, entry, plans.get(entry.link.id)!, refunds);
    }
  }
}

const EARLIER_STATUSES = new Set(['pending', 'processing', 'on-hold']);

/** Line edits ride along with the update; a copy completed or refunded on its own store is never moved back to an earlier status. */
function withLifecycle(body: Record<string, unknown>, sourceStatus: string, plan: LifecyclePlan): Record<string, unknown> {
  const out: Record<string, unknown> = plan.lineItems ? { ...body, line_items: plan.lineItems } : { ...body };
  if (keepsCopyStatus(sourceStatus, plan)) delete out.status;
  return out;
}

function keepsCopyStatus(sourceStatus: string, plan: LifecyclePlan): boolean {
  return (plan.copyStatus === 'completed' || plan.copyStatus === 'refunded') && EARLIER_STATUSES.has(sourceStatus);
}

async function sendUpdates(
  ctx: RunContext,
  target: Store,
  updates: Array<{ entry: LinkWithSource; body: Record<string, unknown> }>,
): Promise<WooBatchItemResult[] | null> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await batchOrders(ctx.client(target), { update: updates.map((u) => u.body) }, ctx.tuning.batchTimeoutMs, ctx.signal);
      ctx.checkpoint('update.sent');
      return response.update ?? [];
    } catch (error) {
      if (!isWooRequestError(error)) throw error;
      // Setting a status twice is harmless, so even an ambiguous update is simply sent again.
      if (error.kind === 'permanent' || attempt + 1 >= ctx.tuning.retry.attempts) {
        for (const u of updates) await failUpdate(ctx, target, u.entry, error.message);
        return null;
      }
      await sleep(retryDelayMs(attempt, ctx.tuning.retry, error.retryAfterMs), ctx.signal);
    }
  }
}

async function carryNotesAndFinish(
  ctx: RunContext,
  target: Store,
  entry: LinkWithSource,
  plan: LifecyclePlan,
  refunds: RefundOutcome,
): Promise<void> {
  const source = ctx.storesById.get(entry.source.storeId);
  const carried = [...(entry.link.syncedNoteIds ?? [])];
  let added = 0;
  if (source) {
    try {
      let notes = notesToCarry(
        await listOrderNotes(ctx.client(source), entry.source.remoteId, ctx.signal),
        entry.link.notesSinceGmt,
        carried,
      );
      if (notes.length > 0 && entry.link.notesClaimedAt) {
        // An earlier attempt was sending notes when it stopped: those that landed carry their source id.
        const onCopy = carriedNoteIdsOn(await listOrderNotes(ctx.client(target), entry.link.targetRemoteId!, ctx.signal));
        carried.push(...notes.filter((n) => onCopy.has(n.id)).map((n) => n.id));
        notes = notes.filter((n) => !onCopy.has(n.id));
      }
      if (notes.length > 0) await claimLinkNotes(ctx.db, ctx.workspace.id, [entry.link.id]);
      for (const note of notes) {
        await addPrivateOrderNote(
          ctx.client(target),
          entry.link.targetRemoteId!,
          carriedNoteText(source.name, entry.source.number, note),
          ctx.signal,
        );
        ctx.checkpoint('note.sent');
        carried.push(note.id);
        added += 1;
      }
    } catch (error) {
      if (!isWooRequestError(error)) throw error;
      ctx.errors.push(`Notes of order #${entry.source.number} not carried to ${target.name}: ${error.message}`);
    }
  }
  await markLinkUpdated(ctx.db, ctx.workspace.id, entry.link.id, {
    sourceModifiedGmt: entry.source.dateModifiedGmt,
    sourcePulledAt: entry.source.pulledAt,
    syncedNoteIds: carried,
    syncedRefundIds: refunds.syncedRefundIds,
    changedAfterCopy: plan.changedAfterCopy,
    syncedLines: plan.syncedLines,
    lastError: refunds.held,
  });
  directionCounts(ctx, entry).updated += 1;
  await ctx.progress.add(target.id, 'done', 1);
  const noteText = added > 0 ? `, ${plural(added, 'note')}` : '';
  const copy = `copy #${entry.link.targetNumber} on ${target.name}`;
  await ctx.events([
    {
      orderId: entry.source.id,
      linkId: entry.link.id,
      kind: 'updated',
      message: `Updated ${copy}: ${statusText(entry.source.status, plan)}${noteText}`,
    },
    ...lifecycleEvents(entry, copy, plan, refunds),
  ]);
  if (refunds.held) ctx.held.push(issue(ctx, entry, target, `Refund held: ${refunds.held}`));
}

function statusText(sourceStatus: string, plan: LifecyclePlan): string {
  if (sourceStatus === 'refunded') return 'status refunded (by its refunds)';
  if (keepsCopyStatus(sourceStatus, plan)) return `status left ${plan.copyStatus} (it was ${plan.copyStatus} there first)`;
  return `status ${sourceStatus}`;
}

function lifecycleEvents(entry: LinkWithSource, copy: string, plan: LifecyclePlan, refunds: RefundOutcome): NewOrderEvent[] {
  const at = { orderId: entry.source.id, linkId: entry.link.id };
  const events: NewOrderEvent[] = [];
  if (entry.source.status === 'cancelled' && plan.copyStatus !== null && plan.copyStatus !== 'cancelled')
    events.push({ ...at, kind: 'cancelled', message: `Cancelled ${copy}` });
  if (plan.lineSummary) events.push({ ...at, kind: 'edited', message: `Lines of ${copy} changed to match: ${plan.lineSummary}` });
  if (plan.changedAfterCopy)
    events.push({ ...at, kind: 'changed', message: `Changed after copying, ${copy} left as it is: ${plan.changedAfterCopy}` });
  for (const r of refunds.mirrored)
    events.push({ ...at, kind: 'refunded', message: `Refunded ${r.amount} on ${copy} (mirrors refund ${r.sourceRefundId})` });
  if (refunds.held) events.push({ ...at, kind: 'held', message: `Refund held for ${copy}: ${refunds.held}` });
  return events;
}

async function failUpdate(ctx: RunContext, target: Store, entry: LinkWithSource, reason: string): Promise<void> {
  await markLinkUpdateFailed(ctx.db, ctx.workspace.id, entry.link.id, reason);
  directionCounts(ctx, entry).failed += 1;
  ctx.failed.push(issue(ctx, entry, target, `Update failed: ${reason}`));
  await ctx.events([
    {
      orderId: entry.source.id,
      linkId: entry.link.id,
      kind: 'failed',
      message: `Updating copy #${entry.link.targetNumber} on ${target.name} failed: ${reason}`,
    },
  ]);
}

/** The private note on a new copy (where it came from, the customer's email when it was left off). */
const NOTE_CHUNK = 500;

/**
 * In chunks, so a backfill's notes never hold every source order in memory, and each chunk's progress is
 * kept. WooCommerce adds notes one request at a time, so this is one POST per copy: as many in flight as the
 * store turns into throughput, from 2 up to `storeConcurrency` (`BatchConcurrency`, a note counting as one
 * order), and one fewer for good after a timeout or a "slow down".
 */
export async function pushCopyNotes(ctx: RunContext, target: Store, links: OpenLink[]): Promise<void> {
  const concurrency = new BatchConcurrency(ctx.tuning.storeConcurrency);
  // Groups of notes claimed this slice: a slice claims at least one, so every slice moves on.
  const slice = { groups: 0 };
  for (let i = 0; i < links.length && !ctx.signal.aborted && !(slice.groups > 0 && ctx.budgetSpent()); i += NOTE_CHUNK) {
    await pushCopyNotesChunk(ctx, target, links.slice(i, i + NOTE_CHUNK), concurrency, slice);
  }
}

/** Notes are claimed this many at a time, just before they are sent; a slice stops only between groups. */
const NOTE_CLAIM_GROUP = 25;

async function pushCopyNotesChunk(
  ctx: RunContext,
  target: Store,
  links: OpenLink[],
  concurrency: BatchConcurrency,
  slice: { groups: number },
): Promise<void> {
  const entries = await loadLinksWithSources(
    ctx.db,
    ctx.workspace.id,
    links.map((l) => l.id),
  );
  const done: string[] = [];
  const turn = new Pulse();
  let next = 0;
  // Claimed before they are sent: after a crash, a claimed note is looked for on the copy before it is sent again.
  let claimedUpTo = 0;
  let claiming: Promise<void> | null = null;
  const claimNextGroup = () =>
    (claiming ??= (async () => {
      const group = entries.slice(claimedUpTo, claimedUpTo + NOTE_CLAIM_GROUP);
      await claimLinkNotes(
        ctx.db,
        ctx.workspace.id,
        group.filter((e) => e.link.notesClaimedAt === null).map((e) => e.link.id),
      );
      claimedUpTo += group.length;
      slice.groups += 1;
    })().finally(() => (claiming = null)));
  const worker = async (index: number) => {
    try {
      while (next < entries.length) {
        if (index >= concurrency.limit) {
          await turn.next();
          continue;
        }
        if (next >= claimedUpTo) {
          // Every claimed note is sent before a slice whose time is spent stops, so none is left ambiguous.
          if (slice.groups > 0 && ctx.budgetSpent()) {
            next = entries.length;
            break;
          }
          await claimNextGroup();
          continue;
        }
        const entry = entries[next++];
        const source = ctx.storesById.get(entry.source.storeId);
        if (!source || entry.link.targetRemoteId === null) continue;
        const body = entry.source.body as OrderBody;
        const note = copyNote(
          { storeName: source.name, number: entry.source.number },
          target,
          ctx.workspace,
          suppressedEmailOf(body, ctx.workspace),
        );
        const remoteId = entry.link.targetRemoteId;
        try {
          const landedBefore =
            note !== null &&
            entry.link.notesClaimedAt !== null &&
            hasCopyNote(await listOrderNotes(ctx.client(target), remoteId, ctx.signal));
          if (note && !landedBefore) {
            await concurrency.send(async (answered) => {
              const started = Date.now();
              await addPrivateOrderNote(ctx.client(target), remoteId, note, ctx.signal);
              answered(Date.now() - started);
            });
          }
          ctx.checkpoint('note.sent');
          done.push(entry.link.id);
        } catch (error) {
          if (!isWooRequestError(error)) throw error;
          if (error.kind !== 'permanent') concurrency.backOff();
          ctx.errors.push(`The note on copy #${entry.link.targetNumber} on ${target.name} was not added: ${error.message}`);
        } finally {
          turn.emit();
        }
      }
    } catch (error) {
      next = entries.length; // the other workers stop after the note they are sending
      throw error;
    } finally {
      // Workers waiting for a turn look again: at the end, they find nothing left and stop.
      turn.emit();
    }
  };
  await allOrFirstError(Array.from({ length: Math.max(1, ctx.tuning.storeConcurrency) }, (_, i) => worker(i)));
  await markLinkNotesDone(ctx.db, ctx.workspace.id, done);
}
