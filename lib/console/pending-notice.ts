import { formatRelative, plural } from './format';

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

export type PendingNoticeText = { inSync: boolean; headline: string; detail: string | null };

export function describePending(counts: PendingCountsView, now: Date = new Date()): PendingNoticeText {
  if (counts.total === 0 && !counts.checkedAt) {
    return { inSync: true, headline: 'No sync has run yet', detail: 'press Sync Now to read your stores’ new orders' };
  }
  if (counts.total === 0) {
    return { inSync: true, headline: 'All orders are in sync', detail: `last run ${formatRelative(counts.checkedAt!, now)}` };
  }
  const directions: string[] = [];
  if (counts.toSubstores > 0) directions.push(`${counts.toSubstores.toLocaleString('en-GB')} to substores`);
  if (counts.toMain > 0) directions.push(`${counts.toMain.toLocaleString('en-GB')} to the main store`);
  return {
    inSync: false,
    headline: `${plural(counts.total, 'order')} waiting to sync${directions.length ? ` — ${directions.join(', ')}` : ''}`,
    detail: counts.checkedAt ? `checked ${formatRelative(counts.checkedAt, now)}` : 'no sync has run yet',
  };
}

export function describeProblems(counts: Pick<PendingCountsView, 'held' | 'failed'>): string | null {
  const parts: string[] = [];
  if (counts.held > 0) parts.push(`${plural(counts.held, 'order')} held`);
  if (counts.failed > 0) parts.push(`${plural(counts.failed, 'order')} failed`);
  return parts.length ? `${parts.join(' and ')} — open them to see why; Sync Now retries them once fixed.` : null;
}
