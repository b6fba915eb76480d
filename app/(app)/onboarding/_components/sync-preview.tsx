'use client';

import { useActionState } from 'react';
import { previewFirstSyncAction } from '@/app/(app)/onboarding/actions';
import { Button } from '@/app/components/ui/button';
import { ActionError } from '@/app/components/ui/messages';
import type { SyncPreview as Preview } from '@/lib/sync';
import { plural } from '@/lib/utils/plural';
import { ContinueButton } from './continue-button';

/**
 * What the first sync would do, read live from the stores without writing anything. Reading can take a while
 * (up to 2,000 orders per store), so it runs when the merchant asks, and one run at a time per workspace.
 */
export function SyncPreview() {
  const [state, action, pending] = useActionState(previewFirstSyncAction, undefined);
  const preview = state?.ok ? state.data : null;
  return (
    <div className="space-y-4">
      <form action={action} className="space-y-2">
        <Button variant="secondary" disabled={pending}>
          {pending ? 'Reading your stores…' : preview ? 'Count again' : 'Count what the first sync would do'}
        </Button>
        {pending ? (
          <p className="text-sm text-slate-600" role="status">
            Reading your stores to count what the first sync would do…
          </p>
        ) : null}
        <ActionError state={state} />
      </form>
      {preview ? <PreviewCounts preview={preview} /> : null}
      <ContinueButton to="done" label="Finish and go to the dashboard" />
    </div>
  );
}

function Count({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <div className="rounded-md border border-slate-200 p-3">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-2xl font-semibold text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function PreviewCounts({ preview }: { preview: Preview }) {
  return (
    <div className="space-y-4" data-testid="sync-preview">
      <dl className="grid gap-3 sm:grid-cols-3">
        <Count label="Main-store orders to copy to substores" value={preview.toSubstores} testId="preview-to-substores" />
        <Count label="Substore orders to copy to the main store" value={preview.toMain} testId="preview-to-main" />
        <Count label="Orders that would be held" value={preview.held.length} />
      </dl>
      <p className="text-sm text-slate-700">
        {preview.summary}
        {preview.truncated ? ' (counted up to a limit; the real number is higher)' : ''}
      </p>
      <ul className="space-y-1 text-sm">
        {preview.stores.map((store) => (
          <li key={store.storeId} className={store.error ? 'text-red-700' : 'text-slate-700'}>
            {store.name} ({store.role === 'main' ? 'main' : 'substore'}):{' '}
            {store.error ? `could not be read — ${store.error}` : plural(store.newOrders, 'new order')}
          </li>
        ))}
      </ul>
      {preview.held.length > 0 ? (
        <div>
          <h3 className="text-sm font-medium text-slate-800">Would be held</h3>
          <ul className="list-disc pl-5 text-sm text-slate-700">
            {preview.held.slice(0, 20).map((hold) => (
              <li key={`${hold.orderNumber}-${hold.targetStoreName}`}>
                #{hold.orderNumber} from {hold.sourceStoreName} to {hold.targetStoreName}: {hold.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
