import type { StoreView } from '@/lib/stores';

export function ConnectedStores({ stores, emptyText }: { stores: StoreView[]; emptyText: string }) {
  if (stores.length === 0) return <p className="text-sm text-slate-600">{emptyText}</p>;
  return (
    <ul className="space-y-2" aria-label="Connected stores">
      {stores.map((store) => (
        <li
          key={store.id}
          className="flex flex-wrap items-baseline justify-between gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm"
        >
          <span>
            <span className="font-medium text-emerald-900">✓ {store.name}</span> <span className="text-emerald-800">{store.url}</span>
          </span>
          <span className="text-emerald-800">
            key …{store.consumerKeyLast4}
            {store.currency ? ` · ${store.currency}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
