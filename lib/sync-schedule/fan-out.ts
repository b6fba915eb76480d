import { createHash } from 'node:crypto';
import { SCHEDULE_INTERVAL_MS } from './tick';

/** One page of workspaces per load: `step.sendEvent` takes at most 5,000 events per call. */
export const SCHEDULE_PAGE_SIZE = 5_000;
/** A tick's runs start within its first 4 minutes, so the last one has started before the next tick. */
export const SPREAD_WINDOW_MS = SCHEDULE_INTERVAL_MS - 60_000;
/** Fleet-wide starts per second the spread aims at: a small fleet starts at once, a large one over the window. */
export const SPREAD_STARTS_PER_SECOND = 400;

export type PageOutcome = { count: number; lastId: string | null };

/**
 * The scheduler's loop, shared by the Inngest cron function and the development fallback: pages through the
 * active workspaces by id; `processPage` loads one page after a cursor and dispatches it (events on Inngest, one
 * step per page so a retry resends the same ids; direct runs in the fallback) and says how far it got.
 */
export async function fanOutSchedule(
  processPage: (after: string | null, pageNumber: number) => Promise<PageOutcome>,
  pageSize: number = SCHEDULE_PAGE_SIZE,
): Promise<{ pages: number; workspaces: number }> {
  let after: string | null = null;
  let pages = 0;
  let workspaces = 0;
  for (;;) {
    const page = await processPage(after, pages + 1);
    if (page.count === 0) break;
    pages += 1;
    workspaces += page.count;
    if (page.count < pageSize || !page.lastId) break;
    after = page.lastId;
  }
  return { pages, workspaces };
}

/** How long a tick spreads its starts over: the fleet at the target rate, at most the spread window. */
export function spreadWindowMs(fleetSize: number): number {
  return Math.min(SPREAD_WINDOW_MS, Math.floor((Math.max(0, fleetSize) / SPREAD_STARTS_PER_SECOND) * 1000));
}

/**
 * When in the tick a workspace's run starts: a fixed offset from a hash of its id, so each workspace keeps a steady
 * 5-minute rhythm and the fleet's starts are even over the window (Inngest starts an event's run at its `ts`).
 */
export function spreadStartMs(tickStartMs: number, workspaceId: string, windowMs: number): number {
  if (windowMs <= 0) return tickStartMs;
  const bucket = createHash('sha256').update(workspaceId).digest().readUInt32BE(0);
  return tickStartMs + (bucket % windowMs);
}
