import type { Store } from '@/db/schema';
import { retryDelayMs } from '@/lib/woo/backoff';
import { sleep } from '@/lib/utils/sleep';
import { isWooRequestError } from '@/lib/woo/errors';
import { batchOrders } from '@/lib/woo/orders-api';
import { adoptCopiesCreatedSince } from './adoption';
import { batchSizeFor, observeBatchSpeed, shrinkAfterTimeout, type BatchSpeed } from './batch-sizing';
import { claimBatch, countAttempt, type CreateItem } from './create-claims';
import { failForNow, failPermanently, recordBatchAnswer } from './create-records';
import type { CustomerDirectory } from './customer-directory';
import type { RunContext } from './run-context';

/** The batch size a target gets, learned from how fast it answers. */
export type Sizing = { size: number; speed: BatchSpeed; learned: boolean };

/**
 * Sends one batch of copies until each is created, refused or left for a later run. An answer that may or
 * may not have created the copies (a timeout, a dropped connection, an incomplete answer) is never simply
 * sent again: the target is listed first and the copies found there are adopted.
 */
export async function sendBatch(
  ctx: RunContext,
  target: Store,
  items: CreateItem[],
  sizing: Sizing,
  customers: CustomerDirectory,
  answered: (msPerOrder: number) => void,
  slowDown: () => void,
): Promise<void> {
  let remaining = await claimBatch(ctx, items);
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
      if (error.kind === 'permanent') {
        await failPermanently(ctx, target, remaining, error.message);
        return;
      }
      if (error.kind === 'ambiguous' && (error.code === 'RESPONSE_TIMEOUT' || error.code === 'ECONNRESET'))
        sizing.size = shrinkAfterTimeout(sizing.size);
      slowDown();
      if (attempt + 1 >= ctx.tuning.retry.attempts) {
        if (error.kind === 'retryable') await failForNow(ctx, target, remaining, error.message);
        else ctx.errors.push(`${remaining.length} order(s) to ${target.name} left for the next run after: ${error.message}`);
        return;
      }
      await ctx.events(
        remaining.map((i) => ({
          orderId: i.entry.source.id,
          linkId: i.entry.link.id,
          kind: 'retried' as const,
          message: `Retrying the copy to ${target.name} after: ${error.message}`,
        })),
      );
      await sleep(retryDelayMs(attempt, ctx.tuning.retry, error.retryAfterMs), ctx.signal);
      if (error.kind === 'retryable') {
        await countAttempt(ctx, remaining);
        continue;
      }
    }
    const since = new Date(Math.min(...remaining.map((i) => i.claimedAt!.getTime())));
    const adopted = await adoptCopiesCreatedSince(
      ctx,
      target,
      remaining.map((i) => i.entry.link.id),
      since,
    );
    for (const item of remaining.filter((i) => adopted.has(i.entry.link.id))) item.hasNote = false;
    remaining = [...remaining.filter((i) => !adopted.has(i.entry.link.id)), ...asGuests];
    asGuests = [];
    if (remaining.length === 0) return;
    if (attempt + 1 >= ctx.tuning.retry.attempts) {
      ctx.errors.push(`${remaining.length} order(s) to ${target.name} left for the next run: the store's answers stayed incomplete`);
      return;
    }
    await countAttempt(ctx, remaining);
  }
}
