import type { Metadata } from 'next';
import { Suspense } from 'react';
import Link from 'next/link';
import { buttonClass } from '@/app/components/ui/button';
import { Card } from '@/app/components/ui/card';
import { textLink } from '@/app/components/ui/text-link';
import { can } from '@/lib/auth/permissions';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import { formatDateTime, formatRelative } from '@/lib/console/format';
import { consolePendingCounts } from '@/lib/console/pending-counts';
import { StoresWaiting } from '@/app/components/console/stores-waiting';
import { ordersSyncedPerDay } from '@/lib/data/order-events';
import { listStoreHealth } from '@/lib/data/stores';
import { describeRunMode } from '@/lib/console/run-mode';
import { inngestMode } from '@/lib/env/inngest-mode';
import { scheduleHealth, type ScheduleHealth } from '@/lib/sync-schedule';
import { plural } from '@/lib/utils/plural';
import { OrdersChart } from './_components/orders-chart';
import { PendingCard } from './_components/pending-card';
import { StoreHealthList } from './_components/store-health-list';

export const metadata: Metadata = { title: 'Dashboard' };

function ScheduleSummary({ health, now }: { health: ScheduleHealth; now: Date }) {
  const run = health.lastRun;
  return (
    <div className="space-y-2 text-sm" data-testid="schedule-health">
      {health.state === 'looks_down' ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
          {health.notice}
        </p>
      ) : null}
      {health.state === 'not_scheduled' ? <p className="text-slate-700">{health.reason}</p> : null}
      {run ? (
        <p className="text-slate-700">
          Last scheduled run {formatRelative(run.startedAt, now)} ({formatDateTime(run.startedAt)})
          {run.status === 'running' ? ' — still running.' : run.summary ? `: ${run.summary}` : '.'}
        </p>
      ) : health.state !== 'not_scheduled' ? (
        <p className="text-slate-700">No scheduled run yet; the schedule syncs every few minutes.</p>
      ) : null}
      <Link href="/activity" className={textLink}>
        All runs
      </Link>
    </div>
  );
}

function RunMode() {
  const mode = describeRunMode(inngestMode());
  return (
    <p className="mt-3 border-t border-slate-100 pt-3 text-xs text-slate-600" data-testid="run-mode">
      <span className="font-medium text-slate-800">{mode.title}.</span> {mode.detail}
    </p>
  );
}

export default async function DashboardPage() {
  const { db, workspace, role } = await requireWorkspaceContext();
  const manageStores = can(role, 'stores.manage');
  const now = new Date();
  const [stores, days, counts, schedule] = await Promise.all([
    listStoreHealth(db, workspace.id),
    ordersSyncedPerDay(db, workspace.id, now),
    consolePendingCounts(db, workspace.id),
    scheduleHealth(db, workspace.id, now),
  ]);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      {workspace.onboardingStep && manageStores ? (
        <section className="rounded-lg border border-brand-100 bg-brand-50 p-4">
          <h2 className="font-medium text-brand-700">Connect your stores to start syncing</h2>
          <p className="mt-1 text-sm text-slate-700">Add your main store and at least one substore; it takes a few minutes.</p>
          <Link href="/onboarding" className={`${buttonClass()} mt-3`}>
            Continue setup
          </Link>
        </section>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <Suspense fallback={<PendingCard counts={counts} stores="checking" now={now} />}>
          <StoresWaiting db={db} workspaceId={workspace.id}>
            {(waiting) => <PendingCard counts={counts} stores={waiting} now={now} />}
          </StoresWaiting>
        </Suspense>

        <Card as="section" aria-labelledby="schedule-heading" className="p-4">
          <h2 id="schedule-heading" className="mb-2 text-base font-semibold">
            Scheduled sync
          </h2>
          <ScheduleSummary health={schedule} now={now} />
          <RunMode />
        </Card>

        <Card as="section" aria-labelledby="chart-heading" className="self-start p-4 lg:row-span-2">
          <h2 id="chart-heading" className="mb-2 text-base font-semibold">
            Orders synced, last 14 days
          </h2>
          <OrdersChart days={days} />
        </Card>

        <Card as="section" aria-labelledby="stores-heading" className="p-4 lg:col-span-2">
          <div className="flex items-center justify-between">
            <h2 id="stores-heading" className="text-base font-semibold">
              Stores
            </h2>
            {manageStores ? (
              <Link href="/stores" className={`${textLink} text-sm`}>
                Manage stores
              </Link>
            ) : null}
          </div>
          {stores.length ? (
            <StoreHealthList stores={stores} now={now} />
          ) : (
            <p className="mt-2 text-sm text-slate-600">
              No stores connected yet.{' '}
              {manageStores ? (
                <>
                  <Link href="/onboarding" className={textLink}>
                    Connect your main store and a substore
                  </Link>{' '}
                  to start.
                </>
              ) : (
                'An owner or admin connects them.'
              )}
            </p>
          )}
          {stores.length ? <p className="mt-2 text-xs text-slate-500">{plural(stores.length, 'store')} connected.</p> : null}
        </Card>
      </div>
    </div>
  );
}
