/**
 * Keyset paging over `orderby=modified&order=asc`. `modified_after` is strictly-after with one-second
 * precision, so each request asks from one second before the last modified time seen and skips the ids
 * already seen at that second — once that second is settled (`settledCursor`). Page numbers are used only
 * while more than a page shares one second.
 */
export type KeysetCursor = { modifiedGmt: Date | null; seenIds: number[] };
export type KeysetState = { cursor: KeysetCursor; page: number };
export type KeyedOrder = { id: number; modifiedGmt: Date };

export function truncateToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** The `modified_after` to send: one second before the cursor (or the sync start when nothing was read yet). */
export function modifiedAfterFor(cursor: KeysetCursor, floor: Date): Date {
  const from = cursor.modifiedGmt ?? floor;
  return new Date(truncateToSecond(from).getTime() - 1000);
}

export function isAlreadySeen(cursor: KeysetCursor, order: KeyedOrder): boolean {
  if (!cursor.modifiedGmt) return false;
  return (
    truncateToSecond(order.modifiedGmt).getTime() === truncateToSecond(cursor.modifiedGmt).getTime() && cursor.seenIds.includes(order.id)
  );
}

export type PageOutcome<T extends KeyedOrder> = { state: KeysetState; fresh: T[]; done: boolean };

export function absorbPage<T extends KeyedOrder>(state: KeysetState, orders: T[], pageSize: number): PageOutcome<T> {
  const fresh = orders.filter((o) => !isAlreadySeen(state.cursor, o));
  const done = orders.length < pageSize;
  if (orders.length === 0) return { state, fresh, done: true };

  const cursorSecond = state.cursor.modifiedGmt ? truncateToSecond(state.cursor.modifiedGmt).getTime() : -Infinity;
  const lastSecond = Math.max(...orders.map((o) => truncateToSecond(o.modifiedGmt).getTime()));
  const idsAtLast = orders.filter((o) => truncateToSecond(o.modifiedGmt).getTime() === lastSecond).map((o) => o.id);

  if (lastSecond > cursorSecond) {
    return { state: { cursor: { modifiedGmt: new Date(lastSecond), seenIds: uniqueSorted(idsAtLast) }, page: 1 }, fresh, done };
  }
  // The whole page sat at the cursor's second: the keyset cannot move, so step to the next page number.
  const seenIds = uniqueSorted([...state.cursor.seenIds, ...idsAtLast]);
  return { state: { cursor: { modifiedGmt: state.cursor.modifiedGmt, seenIds }, page: done ? 1 : state.page + 1 }, fresh, done };
}

function uniqueSorted(ids: number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** A write is stamped with its second a moment before it is stored: a second counts as settled this long after it ended. */
const SETTLING_MS = 1_000;

/**
 * The store's clock when it read a page, at the earliest: its `Date` header (whole seconds, stamped as late as
 * the answer) less the time the request took. Null without a readable header.
 */
export function storeTimeOfRead(dateHeader: string | undefined, requestMs: number): Date | null {
  const at = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
  return Number.isNaN(at) ? null : new Date(at - requestMs);
}

/**
 * An order read in a second the store's clock had not yet left can change again within it and keep its
 * modified time. Until a read shows the second settled the cursor names no ids there, so the next read takes
 * those orders again (`mayHaveBeenRead`) instead of skipping a change as already seen.
 */
export function settledCursor(cursor: KeysetCursor, storeTimeOfRead: Date | null): KeysetCursor {
  if (!cursor.modifiedGmt || cursor.seenIds.length === 0) return cursor;
  const settledAt = truncateToSecond(cursor.modifiedGmt).getTime() + 1000 + SETTLING_MS;
  return storeTimeOfRead !== null && storeTimeOfRead.getTime() >= settledAt ? cursor : { modifiedGmt: cursor.modifiedGmt, seenIds: [] };
}

/**
 * An order at the cursor's second the cursor does not name (`absorbPage` has skipped those it names): new since,
 * or read there before while the second was not settled — then perhaps in this very version.
 */
export function mayHaveBeenRead(cursor: KeysetCursor, order: KeyedOrder): boolean {
  return cursor.modifiedGmt !== null && truncateToSecond(order.modifiedGmt).getTime() === truncateToSecond(cursor.modifiedGmt).getTime();
}

export function sameCursor(a: KeysetCursor, b: KeysetCursor): boolean {
  return (a.modifiedGmt?.getTime() ?? null) === (b.modifiedGmt?.getTime() ?? null) && a.seenIds.join(',') === b.seenIds.join(',');
}

/**
 * A check for a store that ignores `page`: asked for the next page of the same `modified_after`, it sends the
 * very orders of the page before, so the keyset never moves on. (The same orders after the cursor moved are
 * normal: more than a page shares one second.)
 */
export function createStallCheck(): (modifiedAfter: Date, ids: readonly number[]) => boolean {
  let previous: string | null = null;
  return (modifiedAfter, ids) => {
    const key = `${modifiedAfter.getTime()}:${ids.join(',')}`;
    const stalled = ids.length > 0 && key === previous;
    previous = key;
    return stalled;
  };
}
