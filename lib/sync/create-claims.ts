import { claimLinksForCreate, markClaimAttempt, type LinkWithSource } from '@/lib/data/order-links';
import type { RunContext } from './run-context';

/** A copy ready to be sent: its link, the order to create on the target, and when the link was claimed (null until it is). */
export type CreateItem = { entry: LinkWithSource; payload: Record<string, unknown>; hasNote: boolean; claimedAt: Date | null };

/**
 * Claims a batch's links just before it is sent: from here on a crash leaves them `creating`, and the next
 * attempt looks for the copies before sending again. Returns the items still ours to create.
 */
export async function claimBatch(ctx: RunContext, items: CreateItem[]): Promise<CreateItem[]> {
  const fresh = items.filter((i) => i.claimedAt === null);
  const claims = await claimLinksForCreate(
    ctx.db,
    ctx.workspace.id,
    fresh.map((i) => i.entry.link.id),
  );
  const claimedAtById = new Map(claims.map((c) => [c.id, c.claimedAt]));
  for (const item of fresh) item.claimedAt = claimedAtById.get(item.entry.link.id) ?? null;
  // A link someone else moved on (synced meanwhile) is no longer ours to create.
  const claimed = items.filter((i) => i.claimedAt !== null);
  await countAttempt(
    ctx,
    claimed.filter((i) => !fresh.includes(i)),
  );
  ctx.checkpoint('create.claimed');
  return claimed;
}

/** One more attempt under a claim already held: sending again, or an unfinished claim taken up by a later run. */
export async function countAttempt(ctx: RunContext, items: CreateItem[]): Promise<void> {
  await markClaimAttempt(
    ctx.db,
    ctx.workspace.id,
    items.map((i) => i.entry.link.id),
  );
}
