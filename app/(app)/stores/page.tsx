import type { Metadata } from 'next';
import { NotAllowed } from '@/app/components/not-allowed';
import { ConnectStoreForm } from '@/app/components/stores/connect-store-form';
import { SyncSettingsForm } from '@/app/components/stores/sync-settings-form';
import { Card } from '@/app/components/ui/card';
import { can } from '@/lib/auth/permissions';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import { listStoreViews, readSyncSettings } from '@/lib/stores';
import { webhookConfigFromEnv } from '@/lib/webhooks/webhook-config';
import { listWebhookStatuses } from '@/lib/webhooks/status-view';
import { StoreCard } from './_components/store-card';

export const metadata: Metadata = { title: 'Stores' };

export default async function StoresPage() {
  const { db, workspace, role } = await requireWorkspaceContext();
  if (!can(role, 'stores.manage')) return <NotAllowed role={role} what="manage stores, keys or sync settings" />;
  const [stores, settings, webhooks] = await Promise.all([
    listStoreViews(db, workspace.id),
    readSyncSettings(db, workspace.id),
    listWebhookStatuses(db, workspace.id, webhookConfigFromEnv() !== null),
  ]);
  const hasMain = stores.some((store) => store.role === 'main');
  return (
    <div className="space-y-8">
      <section aria-labelledby="stores-heading" className="space-y-4">
        <div>
          <h1 id="stores-heading" className="text-2xl font-semibold text-slate-900">
            Stores
          </h1>
          <p className="text-sm text-slate-600">
            One main store and its substores. New orders flow between them as set per substore below.
          </p>
        </div>
        {stores.length === 0 ? <p className="text-sm text-slate-600">No stores connected yet.</p> : null}
        <div className="space-y-4">
          {stores.map((store) => (
            <StoreCard key={store.id} store={store} webhooks={webhooks[store.id] ?? null} />
          ))}
        </div>
      </section>

      <Card as="section" aria-labelledby="connect-heading" className="space-y-4 p-4">
        <h2 id="connect-heading" className="text-lg font-semibold text-slate-900">
          {hasMain ? 'Connect a substore' : 'Connect the main store'}
        </h2>
        {/* The main form stays mounted once the main store exists, so its green checklist stays on screen. */}
        <ConnectStoreForm role="main" submitLabel="Check and connect main store" fieldsHidden={hasMain} />
        {hasMain ? <ConnectStoreForm role="sub" submitLabel="Check and connect substore" /> : null}
      </Card>

      <Card as="section" aria-labelledby="settings-heading" className="space-y-4 p-4">
        <h2 id="settings-heading" className="text-lg font-semibold text-slate-900">
          Sync settings
        </h2>
        <SyncSettingsForm settings={settings} />
      </Card>
    </div>
  );
}
