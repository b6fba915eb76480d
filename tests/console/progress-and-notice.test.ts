import { describe, expect, it } from 'vitest';
import { combinePending, describePending, describeProblems } from '@/lib/console/pending-notice';
import { describeProgress } from '@/lib/console/progress';
import { wooAdminOrderUrl } from '@/lib/console/format';
import { toSyncStatusView } from '@/lib/console/sync-status-view';

const now = new Date('2025-03-15T12:00:00Z');

describe('pending notice text', () => {
  it('names the count, both directions and when it was checked', () => {
    const text = describePending(
      { toSubstores: 8, toMain: 4, total: 12, held: 0, failed: 0, checkedAt: new Date(now.getTime() - 120_000) },
      now,
    );
    expect(text).toEqual({
      inSync: false,
      headline: '12 orders waiting to sync — 8 from the main store, 4 from substores',
      detail: 'last run 2 minutes ago',
    });
  });

  it('reads all in sync with the time of the last run', () => {
    const text = describePending(
      { toSubstores: 0, toMain: 0, total: 0, held: 1, failed: 0, checkedAt: new Date(now.getTime() - 5 * 60_000) },
      now,
    );
    expect(text).toEqual({ inSync: true, headline: 'All orders are in sync', detail: 'last run 5 minutes ago' });
    expect(describeProblems({ held: 1, failed: 2 })).toBe(
      '1 order held and 2 orders failed — open them to see why; Sync Now retries them once fixed.',
    );
    expect(describeProblems({ held: 0, failed: 0 })).toBeNull();
    expect(describePending({ toSubstores: 1, toMain: 0, total: 1, held: 0, failed: 0, checkedAt: null }, now).detail).toBe(
      'no sync has run yet',
    );
    expect(describePending({ toSubstores: 0, toMain: 0, total: 0, held: 0, failed: 0, checkedAt: null }, now).headline).toBe(
      'No sync has run yet',
    );
  });

  it('adds what waits on the stores, says so while asking them, and names a store that did not answer', () => {
    const none = { toSubstores: 0, toMain: 0, total: 0, held: 0, failed: 0, checkedAt: null };
    expect(describePending(none, now, 'checking')).toEqual({
      inSync: true,
      headline: 'Checking your stores for waiting orders…',
      detail: null,
    });
    const stores = { fromMain: 9, fromSubs: 5, unreachable: [] };
    expect(describePending(combinePending(none, stores), now, stores)).toEqual({
      inSync: false,
      headline: '14 orders waiting to sync — 9 from the main store, 5 from substores',
      detail: 'no sync has run yet',
    });
    const db = { toSubstores: 2, toMain: 0, total: 2, held: 0, failed: 0, checkedAt: new Date(now.getTime() - 60_000) };
    const partial = { fromMain: 1, fromSubs: 3, unreachable: [{ name: 'Substore B' }] };
    expect(describePending(db, now, 'checking').detail).toBe('last run 1 minute ago · checking your stores…');
    expect(describePending({ ...none, checkedAt: db.checkedAt }, now, 'checking')).toEqual({
      inSync: true,
      headline: 'All orders are in sync',
      detail: 'last run 1 minute ago · checking your stores…',
    });
    expect(describePending(combinePending(db, partial), now, partial)).toEqual({
      inSync: false,
      headline: '6 orders waiting to sync — 3 from the main store, 3 from substores',
      detail: 'last run 1 minute ago · Substore B did not answer',
    });
    const silent = { fromMain: 0, fromSubs: 0, unreachable: [{ name: 'Main Store' }, { name: 'Substore B' }] };
    expect(describePending(combinePending(none, silent), now, silent)).toEqual({
      inSync: false,
      headline: 'Could not count every store’s waiting orders',
      detail: 'Main Store did not answer, Substore B did not answer · no sync has run yet',
    });
    expect(describePending(none, now, 'running')).toEqual({ inSync: true, headline: 'A sync is reading your stores', detail: null });
    expect(describePending(combinePending(db, 'running'), now, 'running')).toEqual({
      inSync: false,
      headline: '2 orders waiting to sync — 2 from the main store',
      detail: 'a sync is running',
    });
    const quiet = { fromMain: 0, fromSubs: 0, unreachable: [] };
    expect(describePending(none, now, quiet)).toEqual({
      inSync: true,
      headline: 'No sync has run yet',
      detail: 'no new orders wait on your stores',
    });
  });
});

describe('progress sentence', () => {
  it('says which store and how many are done', () => {
    const view = describeProgress({
      phase: 'pushing',
      done: 5,
      total: 20,
      stores: [
        { name: 'Main', phase: 'done', pulled: 3, done: 0, total: 0 },
        { name: 'Substore A', phase: 'pushing', pulled: 0, done: 5, total: 12 },
      ],
    });
    expect(view).toEqual({ text: 'Sending orders to Substore A: 5 of 12.', done: 5, total: 20 });
    expect(describeProgress({ phase: 'pulling', stores: [{ name: 'Main', phase: 'pulling', pulled: 40 }] }).text).toBe(
      'Reading new orders from Main (40 so far).',
    );
    expect(describeProgress(null).text).toBe('Starting…');
    expect(describeProgress({ stores: 'garbage' }).text).toBe('Starting…');
  });
});

describe('WooCommerce admin link', () => {
  it('points at the HPOS edit screen of the order', () => {
    expect(wooAdminOrderUrl('https://shop.example/', 456)).toBe(
      'https://shop.example/wp-admin/admin.php?page=wc-orders&action=edit&id=456',
    );
  });
});

describe('sync status sent to the browser', () => {
  it('carries the finished run’s summary and held/failed counts, and a live run’s progress sentence', () => {
    const startedAt = new Date('2025-03-15T11:59:00Z');
    const view = toSyncStatusView({
      running: {
        id: 'run-2',
        trigger: 'schedule',
        startedAt,
        progress: { phase: 'pulling', stores: [{ name: 'Main', phase: 'pulling', pulled: 3 }] },
      },
      lastFinished: {
        id: 'run-1',
        trigger: 'sync_now',
        status: 'succeeded',
        startedAt,
        finishedAt: now,
        summary: 'No orders synced. 1 held — SKU RW-CAP is not on Substore B.',
        errors: [],
        counts: {
          pulled: 0,
          toSub: { created: 0, updated: 0, held: 1, failed: 0 },
          toMain: { created: 0, updated: 0, held: 0, failed: 2 },
        },
      },
      problems: [],
    });
    expect(view.running).toEqual({
      runId: 'run-2',
      trigger: 'Scheduled sync running',
      startedAt: startedAt.toISOString(),
      text: 'Reading new orders from Main (3 so far).',
      done: null,
      total: null,
    });
    expect(view.lastFinished).toMatchObject({
      runId: 'run-1',
      held: 1,
      failed: 2,
      summary: 'No orders synced. 1 held — SKU RW-CAP is not on Substore B.',
    });
  });
});
