import type { SyncCounts, SyncRun } from '@/db/schema';
import { formatDateTime, formatDuration } from '@/lib/console/format';
import { describeTrigger } from '@/lib/console/labels';
import { Pill, type PillTone } from '@/app/components/ui/pill';
import { HeaderCell, TableRegion } from '@/app/components/ui/table';

const RUN_STATUS: Record<SyncRun['status'], { label: string; tone: PillTone }> = {
  running: { label: 'Running', tone: 'active' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  partial: { label: 'With problems', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
  skipped: { label: 'Skipped', tone: 'muted' },
  interrupted: { label: 'Interrupted', tone: 'warning' },
};

function directionText(counts: SyncCounts['toSub']): string {
  const parts = [`${counts.created} created`, `${counts.updated} updated`];
  if (counts.held) parts.push(`${counts.held} held`);
  if (counts.failed) parts.push(`${counts.failed} failed`);
  return parts.join(', ');
}

const cell = 'px-3 py-2.5 align-top text-sm';

export function RunTable({ runs }: { runs: SyncRun[] }) {
  return (
    <TableRegion label="Sync runs">
      <table className="w-full min-w-[880px] divide-y divide-slate-200" data-testid="run-table">
        <caption className="sr-only">Sync runs, newest first</caption>
        <thead className="bg-slate-50">
          <tr>
            <HeaderCell>Started</HeaderCell>
            <HeaderCell>Trigger</HeaderCell>
            <HeaderCell>Result</HeaderCell>
            <HeaderCell>Duration</HeaderCell>
            <HeaderCell>What it did</HeaderCell>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => {
            const status = RUN_STATUS[run.status];
            return (
              <tr key={run.id} data-testid="run-row" data-trigger={run.trigger}>
                <td className={`${cell} whitespace-nowrap text-slate-700`}>
                  <time dateTime={run.startedAt.toISOString()}>{formatDateTime(run.startedAt)}</time>
                </td>
                <td className={`${cell} text-slate-700`}>{describeTrigger(run.trigger)}</td>
                <td className={cell}>
                  <Pill tone={status.tone}>{status.label}</Pill>
                </td>
                <td className={`${cell} whitespace-nowrap tabular-nums text-slate-700`}>
                  {run.finishedAt ? formatDuration(run.finishedAt.getTime() - run.startedAt.getTime()) : '—'}
                </td>
                <td className={`${cell} space-y-1 text-slate-700`}>
                  {run.summary ? <p className="text-slate-900">{run.summary}</p> : null}
                  {run.counts ? (
                    <p className="text-xs text-slate-600">
                      Read {run.counts.pulled} · to substores: {directionText(run.counts.toSub)} · to main:{' '}
                      {directionText(run.counts.toMain)}
                    </p>
                  ) : null}
                  {run.errors.length ? (
                    <ul className="list-inside list-disc text-xs text-rose-800">
                      {run.errors.slice(0, 5).map((error, index) => (
                        <li key={index}>{error}</li>
                      ))}
                      {run.errors.length > 5 ? <li>and {run.errors.length - 5} more</li> : null}
                    </ul>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
