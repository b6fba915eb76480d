import type { Metadata } from 'next';
import { EmptyState } from '@/app/components/console/empty-state';
import { Pagination } from '@/app/components/console/pagination';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import { listSyncRuns } from '@/lib/data/sync-runs';
import { RunTable } from './_components/run-table';

export const metadata: Metadata = { title: 'Activity' };

export default async function ActivityPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const { db, workspace } = await requireWorkspaceContext();
  const rawPage = (await searchParams).page;
  const page = Number.parseInt(Array.isArray(rawPage) ? (rawPage[0] ?? '1') : (rawPage ?? '1'), 10);
  const result = await listSyncRuns(db, workspace.id, Number.isFinite(page) ? page : 1);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Activity</h1>
        <p className="text-sm text-slate-600">Every sync run — scheduled, Sync Now, Sync Order and webhooks — newest first.</p>
      </div>
      {result.runs.length === 0 ? (
        result.page > 1 ? (
          <EmptyState
            title="This page is past the last run"
            body="There are fewer runs than that."
            action={{ href: '/activity', label: 'Back to the first page' }}
          />
        ) : (
          <EmptyState
            title="No syncs have run yet"
            body="Runs appear here once your stores are connected: the schedule syncs every few minutes, or press Sync Now on the order list."
            action={{ href: '/orders', label: 'Go to orders' }}
          />
        )
      ) : (
        <>
          <p className="text-sm text-slate-600">{result.total.toLocaleString('en-GB')} runs in all</p>
          <RunTable runs={result.runs} />
          <Pagination basePath="/activity" params={{}} page={result.page} hasNextPage={result.hasNextPage} label="Activity pages" />
        </>
      )}
    </div>
  );
}
