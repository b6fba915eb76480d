import Link from 'next/link';
import {
  combinePending,
  describePending,
  describeProblems,
  type PendingCountsView,
  type StoresWaitingView,
} from '@/lib/console/pending-notice';
import { Card } from '@/app/components/ui/card';
import { textLink } from '@/app/components/ui/text-link';

/** The dashboard's "Waiting to sync" card: the database's counts plus what waits on the stores. */
export function PendingCard({ counts, stores, now }: { counts: PendingCountsView; stores?: StoresWaitingView; now: Date }) {
  const combined = stores ? combinePending(counts, stores) : counts;
  const pending = describePending(combined, now, stores);
  const problems = describeProblems(counts);
  const checking = stores === 'checking';
  return (
    <Card as="section" aria-labelledby="pending-heading" aria-busy={checking} data-testid="pending-card" className="p-4">
      <h2 id="pending-heading" className="text-base font-semibold">
        Waiting to sync
      </h2>
      <p className="mt-2 text-3xl font-semibold tabular-nums" data-testid="pending-total">
        {checking && combined.total === 0 ? '…' : combined.total.toLocaleString('en-GB')}
      </p>
      <p className="text-sm text-slate-700">
        {pending.headline}
        {pending.detail ? ` · ${pending.detail}` : ''}
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
        <div>
          <dt className="text-slate-500">To substores</dt>
          <dd className="font-medium tabular-nums">{combined.toSubstores.toLocaleString('en-GB')}</dd>
        </div>
        <div>
          <dt className="text-slate-500">To the main store</dt>
          <dd className="font-medium tabular-nums">{combined.toMain.toLocaleString('en-GB')}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Held</dt>
          <dd className="font-medium tabular-nums">{counts.held.toLocaleString('en-GB')}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Failed</dt>
          <dd className="font-medium tabular-nums">{counts.failed.toLocaleString('en-GB')}</dd>
        </div>
      </dl>
      {problems ? <p className="mt-3 text-sm text-amber-900">{problems}</p> : null}
      <Link href="/orders" className={`${textLink} mt-3 inline-block text-sm`}>
        {combined.total > 0 ? 'Sync them from the order list' : 'See orders'}
      </Link>
    </Card>
  );
}
