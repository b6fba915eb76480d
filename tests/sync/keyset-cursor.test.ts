import { describe, expect, it } from 'vitest';
import { absorbPage, mayHaveBeenRead, modifiedAfterFor, settledCursor, storeTimeOfRead, type KeysetState } from '@/lib/sync/keyset-cursor';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const order = (id: number, second: number) => ({ id, modifiedGmt: at(second) });

describe('keyset cursor', () => {
  it('asks from one second before the last modified time seen, or before the sync start', () => {
    expect(modifiedAfterFor({ modifiedGmt: at(10), seenIds: [] }, at(0)).toISOString()).toBe(at(9).toISOString());
    expect(modifiedAfterFor({ modifiedGmt: null, seenIds: [] }, new Date(at(5).getTime() + 400)).toISOString()).toBe(at(4).toISOString());
  });

  it('moves to the last second of a page and remembers the ids seen there', () => {
    const start: KeysetState = { cursor: { modifiedGmt: null, seenIds: [] }, page: 1 };
    const outcome = absorbPage(start, [order(1, 1), order(2, 2), order(3, 2)], 3);
    expect(outcome.fresh.map((o) => o.id)).toEqual([1, 2, 3]);
    expect(outcome.done).toBe(false);
    expect(outcome.state).toEqual({ cursor: { modifiedGmt: at(2), seenIds: [2, 3] }, page: 1 });
  });

  it('skips orders already seen at the cursor second but keeps ones that arrived in that same second', () => {
    const state: KeysetState = { cursor: { modifiedGmt: at(2), seenIds: [2, 3] }, page: 1 };
    const outcome = absorbPage(state, [order(2, 2), order(3, 2), order(9, 2), order(4, 5)], 100);
    expect(outcome.fresh.map((o) => o.id)).toEqual([9, 4]);
    expect(outcome.done).toBe(true);
    expect(outcome.state.cursor).toEqual({ modifiedGmt: at(5), seenIds: [4] });
  });

  it('falls back to page numbers only while a whole page shares the cursor second', () => {
    const state: KeysetState = { cursor: { modifiedGmt: at(7), seenIds: [1, 2] }, page: 1 };
    const full = absorbPage(state, [order(1, 7), order(2, 7), order(3, 7)], 3);
    expect(full.fresh.map((o) => o.id)).toEqual([3]);
    expect(full.state).toEqual({ cursor: { modifiedGmt: at(7), seenIds: [1, 2, 3] }, page: 2 });
    const next = absorbPage(full.state, [order(4, 7), order(5, 8), order(6, 8)], 3);
    expect(next.fresh.map((o) => o.id)).toEqual([4, 5, 6]);
    expect(next.state).toEqual({ cursor: { modifiedGmt: at(8), seenIds: [5, 6] }, page: 1 });
  });

  it('a quiet store (only the order already seen) leaves the cursor as it was', () => {
    const state: KeysetState = { cursor: { modifiedGmt: at(3), seenIds: [7] }, page: 1 };
    const outcome = absorbPage(state, [order(7, 3)], 100);
    expect(outcome.fresh).toEqual([]);
    expect(outcome.done).toBe(true);
    expect(outcome.state).toEqual(state);
  });

  it('remembers the ids seen at a second only once a read shows the store clock a settling margin past it', () => {
    const cursor = { modifiedGmt: at(2), seenIds: [2, 3] };
    // The Date header is stamped as late as the answer: the request's own time is taken off it.
    expect(storeTimeOfRead(at(5).toUTCString(), 250)?.toISOString()).toBe(new Date(at(5).getTime() - 250).toISOString());
    expect(storeTimeOfRead(undefined, 0)).toBeNull();
    expect(storeTimeOfRead('yesterday-ish', 0)).toBeNull();
    expect(settledCursor(cursor, at(2))).toEqual({ modifiedGmt: at(2), seenIds: [] });
    expect(settledCursor(cursor, new Date(at(4).getTime() - 1))).toEqual({ modifiedGmt: at(2), seenIds: [] });
    expect(settledCursor(cursor, at(4))).toEqual(cursor);
    expect(settledCursor(cursor, null)).toEqual({ modifiedGmt: at(2), seenIds: [] });
  });

  it('takes the orders at the cursor second it does not name as possibly read before, and none after it', () => {
    const unsettled = { modifiedGmt: at(2), seenIds: [] };
    expect(mayHaveBeenRead(unsettled, order(2, 2))).toBe(true);
    expect(mayHaveBeenRead(unsettled, order(4, 3))).toBe(false);
    expect(mayHaveBeenRead({ modifiedGmt: null, seenIds: [] }, order(5, 2))).toBe(false);
    // Read again, the ids at an unsettled second are fresh: the index, not the cursor, tells a changed one.
    const outcome = absorbPage({ cursor: unsettled, page: 1 }, [order(2, 2), order(3, 2)], 100);
    expect(outcome.fresh.map((o) => o.id)).toEqual([2, 3]);
  });
});
