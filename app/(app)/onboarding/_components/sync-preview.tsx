import type { Db } from '@/db/client';
import { logError } from '@/lib/log';
import { createGuardedAgents } from '@/lib/net';
import { previewWorkspace } from '@/lib/sync';
import { ContinueButton } from './continue-button';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the first sync would do now, read live from the stores without writing anything. */
export async function SyncPreview({ db, workspaceId }: { db: Db; workspaceId: string }) {
  let preview: Awaited<ReturnType<typeof previewWorkspace>>;
  try {
    preview = await previewWorkspace(db, workspaceId, createGuardedAgents());
  } catch (error) {
    logError('onboarding: the sync preview failed', error, { workspaceId });
    return (
      <div className="space-y-4">
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The preview could not be worked out just now. Nothing has been copied; you can finish and follow the first sync on the dashboard.
        </p>
        <ContinueButton to="done" label="Finish and go to the dashboard" />
      </div>
    );
  }
  return (
    <div className="space-y-4" data-testid="sync-preview">
      <dl className="grid gap-3 sm:grid-cols-3">
        <div className="rounded-md border border-slate-200 p-3">
          <dt className="text-sm text-slate-500">Main-store orders to copy to substores</dt>
          <dd className="text-2xl font-semibold text-slate-900" data-testid="preview-to-substores">
            {preview.toSubstores}
          </dd>
        </div>
        <div className="rounded-md border border-slate-200 p-3">
          <dt className="text-sm text-slate-500">Substore orders to copy to the main store</dt>
          <dd className="text-2xl font-semibold text-slate-900" data-testid="preview-to-main">
            {preview.toMain}
          </dd>
        </div>
        <div className="rounded-md border border-slate-200 p-3">
          <dt className="text-sm text-slate-500">Orders that would be held</dt>
          <dd className="text-2xl font-semibold text-slate-900">{preview.held.length}</dd>
        </div>
      </dl>
      <p className="text-sm text-slate-700">
        {preview.summary}
        {preview.truncated ? ' (counted up to a limit; the real number is higher)' : ''}
      </p>
      <ul className="space-y-1 text-sm">
        {preview.stores.map((store) => (
          <li key={store.storeId} className={store.error ? 'text-red-700' : 'text-slate-700'}>
            {store.name} ({store.role === 'main' ? 'main' : 'substore'}): {store.error ? `could not be read — ${store.error}` : plural(store.newOrders, 'new order', 'new orders')}
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
      <ContinueButton to="done" label="Finish and go to the dashboard" />
    </div>
  );
}
