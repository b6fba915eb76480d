import { plural } from '@/lib/utils/plural';
import { formatRelative } from './format';

/** The engine's pending counts, as far as the console reads them. */
export type PendingCountsView = {
  toSubstores: number;
  toMain: number;
  total: number;
  held: number;
  failed: number;
  /** When the last sync finished: the moment these counts were last brought up to date. */
  checkedAt: Date | string | null;
};

/**
 * What waits on the stores that no sync has read yet: still being asked, not asked because a run is reading
 * them now, or their answer.
 */
export type StoresWaitingView = 'checking' | 'running' | { fromMain: number; fromSubs: number; unreachable: Array<{ name: string }> };

export type PendingNoticeText = { inSync: boolean; headline: string; detail: string | null };

/** The database's counts plus what the stores said waits there: one order is never in both (see `countWaitingOnStores`). */
export function combinePending(counts: PendingCountsView, stores: StoresWaitingView): PendingCountsView {
  if (stores === 'checking' || stores === 'running') return counts;
  const toSubstores = counts.toSubstores + stores.fromMain;
  const toMain = counts.toMain + stores.fromSubs;
  return { ...counts, toSubstores, toMain, total: toSubstores + toMain };
}

/**
 * The notice's words. `counts` are the database's alone while `stores` is 'checking', and the combined
 * counts once the stores answered.
 */
export function describePending(counts: PendingCountsView, now: Date = new Date(), stores?: StoresWaitingView): PendingNoticeText {
  const checking = stores === 'checking';
  const running = stores === 'running';
  const silent = stores && typeof stores === 'object' ? stores.unreachable.map((s) => `${s.name} did not answer`) : [];
  const lastRun = counts.checkedAt ? `last run ${formatRelative(counts.checkedAt, now)}` : null;
  const details = (...parts: Array<string | null>) => parts.filter(Boolean).join(' · ') || null;
  if (counts.total === 0) {
    if (checking && !counts.checkedAt) return { inSync: true, headline: 'Checking your stores for waiting orders…', detail: null };
    if (running) return { inSync: true, headline: 'A sync is reading your stores', detail: lastRun };
    if (silent.length) {
      return {
        inSync: false,
        headline: 'Could not count every store’s waiting orders',
        detail: details(silent.join(', '), lastRun ?? 'no sync has run yet'),
      };
    }
    if (!counts.checkedAt) {
      return {
        inSync: true,
        headline: 'No sync has run yet',
        detail: stores ? 'no new orders wait on your stores' : 'press Sync Now to read your stores’ new orders',
      };
    }
    return { inSync: true, headline: 'All orders are in sync', detail: details(lastRun, checking ? 'checking your stores…' : null) };
  }
  const directions: string[] = [];
  if (counts.toSubstores > 0) directions.push(`${counts.toSubstores.toLocaleString('en-GB')} from the main store`);
  if (counts.toMain > 0) directions.push(`${counts.toMain.toLocaleString('en-GB')} from substores`);
  return {
    inSync: false,
    headline: `${plural(counts.total, 'order')} waiting to sync${directions.length ? ` — ${directions.join(', ')}` : ''}`,
    detail: details(
      running ? 'a sync is running' : (lastRun ?? 'no sync has run yet'),
      checking ? 'checking your stores…' : null,
      silent.join(', ') || null,
    ),
  };
}

export function describeProblems(counts: Pick<PendingCountsView, 'held' | 'failed'>): string | null {
  const parts: string[] = [];
  if (counts.held > 0) parts.push(`${plural(counts.held, 'order')} held`);
  if (counts.failed > 0) parts.push(`${plural(counts.failed, 'order')} failed`);
  return parts.length ? `${parts.join(' and ')} — open them to see why; Sync Now retries them once fixed.` : null;
}
