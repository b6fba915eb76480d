import Link from 'next/link';
import {
  combinePending,
  describePending,
  describeProblems,
  type PendingCountsView,
  type StoresWaitingView,
} from '@/lib/console/pending-notice';
import { syncNowAction } from '@/app/(app)/orders/actions';
import { SyncNowButton } from './sync-now-button';

/**
 * The notice at the top of the order list: what is waiting, when it was checked, and Sync Now. `counts` are
 * the database's; `stores` what waits on the stores, 'checking' while they are still being asked.
 */
export function PendingNotice({ counts, stores }: { counts: PendingCountsView; stores?: StoresWaitingView }) {
  const combined = stores ? combinePending(counts, stores) : counts;
  const text = describePending(combined, new Date(), stores);
  const problems = describeProblems(counts);
  return (
    <section
      aria-labelledby="pending-notice-heading"
      aria-busy={stores === 'checking'}
      data-testid="pending-notice"
      data-stores={typeof stores === 'string' ? stores : stores ? 'counted' : 'unknown'}
      className={`flex flex-col gap-3 rounded-lg border px-4 py-3 sm:flex-row sm:items-start sm:justify-between ${text.inSync ? 'border-slate-200 bg-white' : 'border-brand-100 bg-brand-50'}`}
    >
      <div className="space-y-1">
        <h2 id="pending-notice-heading" className={`text-sm font-semibold ${text.inSync ? 'text-slate-800' : 'text-brand-700'}`}>
          {text.headline}
          {text.detail ? <span className="font-normal text-slate-600"> · {text.detail}</span> : null}
        </h2>
        {problems ? (
          <p className="text-sm text-amber-900">
            {problems}{' '}
            <Link href={counts.held > 0 ? '/orders?sync=held' : '/orders?sync=failed'} className="font-medium underline underline-offset-2">
              Show them
            </Link>
          </p>
        ) : null}
      </div>
      <SyncNowButton action={syncNowAction} />
    </section>
  );
}
