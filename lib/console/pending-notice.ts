import { formatRelative, plural } from './format';

/** The engine's pending counts, as far as the console reads them. */
export type PendingCountsView = {
  toSubstores: number;
  toMain: number;
  total: number;
  held: number;
  failed: number;
  checkedAt: Date | string;
};

export type PendingNoticeText = { inSync: boolean; headline: string; detail: string | null };

export function describePending(counts: PendingCountsView, lastRunFinishedAt: Date | null, now: Date = new Date()): PendingNoticeText {
  if (counts.total === 0) {
    return {
      inSync: true,
      headline: 'All orders are in sync',
      detail: lastRunFinishedAt ? `last run ${formatRelative(lastRunFinishedAt, now)}` : 'no sync has run yet',
    };
  }
  const directions: string[] = [];
  if (counts.toSubstores > 0) directions.push(`${counts.toSubstores.toLocaleString('en-GB')} to substores`);
  if (counts.toMain > 0) directions.push(`${counts.toMain.toLocaleString('en-GB')} to the main store`);
  return {
    inSync: false,
    headline: `${plural(counts.total, 'order')} waiting to sync${directions.length ? ` — ${directions.join(', ')}` : ''}`,
    detail: `checked ${formatRelative(counts.checkedAt, now)}`,
  };
}

export function describeProblems(counts: Pick<PendingCountsView, 'held' | 'failed'>): string | null {
  const parts: string[] = [];
  if (counts.held > 0) parts.push(`${plural(counts.held, 'order')} held`);
  if (counts.failed > 0) parts.push(`${plural(counts.failed, 'order')} failed`);
  return parts.length ? `${parts.join(' and ')} — open them to see why; Sync Now retries them once fixed.` : null;
}
