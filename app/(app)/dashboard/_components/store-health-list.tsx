import { formatRelative } from '@/lib/console/format';
import type { StoreHealth } from '@/lib/data/stores';
import { Pill, type PillTone } from '@/app/components/ui/pill';

function healthOf(store: StoreHealth): { label: string; tone: PillTone } {
  if (store.paused) return { label: 'Paused', tone: 'neutral' };
  if (store.failing) return { label: 'Needs attention', tone: 'danger' };
  if (!store.lastContactAt) return { label: 'Connected, not synced yet', tone: 'neutral' };
  return { label: 'Healthy', tone: 'success' };
}

export function StoreHealthList({ stores, now }: { stores: StoreHealth[]; now: Date }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="store-health">
      {stores.map((store) => {
        const health = healthOf(store);
        return (
          <li key={store.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:justify-between">
            <div>
              <p className="text-sm font-medium text-slate-900">
                {store.name} <span className="font-normal text-slate-500">· {store.role === 'main' ? 'main store' : 'substore'}</span>
              </p>
              <p className="text-xs text-slate-500">{store.url}</p>
              {store.failing && store.lastError ? (
                <p className="mt-1 text-sm text-rose-800">
                  {store.lastError}{' '}
                  {store.lastErrorAt ? <span className="text-rose-700/80">({formatRelative(store.lastErrorAt, now)})</span> : null}
                  <span className="block text-xs text-slate-600">
                    Check the store is online and its API key still exists, then update it under Stores.
                  </span>
                </p>
              ) : null}
            </div>
            <div className="text-left sm:text-right">
              <Pill tone={health.tone}>{health.label}</Pill>
              <p className="mt-1 text-xs text-slate-500">
                {store.lastContactAt ? `Last contact ${formatRelative(store.lastContactAt, now)}` : 'No contact yet'}
              </p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
