import Link from 'next/link';
import { ORDER_STATUS_FILTERS, type OrderListQuery } from '@/lib/console/order-list-query';
import type { StoreSummary } from '@/lib/data/stores';
import { formatWooStatus } from './status-badge';
import { secondaryButton, primaryButton } from './styles';

const fieldClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30';
const labelClass = 'block text-xs font-medium text-slate-600';

/** A plain GET form: the filters live in the URL, work without JavaScript and survive reloads and links. */
export function OrderFilters({ query, stores }: { query: OrderListQuery; stores: StoreSummary[] }) {
  const substores = stores.filter((store) => store.role === 'sub');
  const filtered = Boolean(query.store || query.origin || query.status || query.sync || query.q);
  return (
    <form method="get" action="/orders" role="search" aria-label="Filter orders" className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6">
      <div className="col-span-2 sm:col-span-3 lg:col-span-2">
        <label htmlFor="filter-q" className={labelClass}>
          Search
        </label>
        <input id="filter-q" name="q" type="search" defaultValue={query.q ?? ''} placeholder="Order number or customer email" className={fieldClass} />
      </div>
      <div>
        <label htmlFor="filter-store" className={labelClass}>
          Store
        </label>
        <select id="filter-store" name="store" defaultValue={query.store ?? ''} className={fieldClass}>
          <option value="">All stores</option>
          {stores.map((store) => (
            <option key={store.id} value={store.id}>
              {store.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-origin" className={labelClass}>
          Came from
        </label>
        <select id="filter-origin" name="origin" defaultValue={query.origin ?? ''} className={fieldClass}>
          <option value="">Anywhere</option>
          <option value="main">Main store</option>
          {substores.map((store) => (
            <option key={store.id} value={store.id}>
              {store.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-status" className={labelClass}>
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={query.status ?? ''} className={fieldClass}>
          <option value="">Any status</option>
          {ORDER_STATUS_FILTERS.map((status) => (
            <option key={status} value={status}>
              {formatWooStatus(status)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-sync" className={labelClass}>
          Sync state
        </label>
        <select id="filter-sync" name="sync" defaultValue={query.sync ?? ''} className={fieldClass}>
          <option value="">Any</option>
          <option value="synced">Synced</option>
          <option value="pending">Pending</option>
          <option value="held">Held</option>
          <option value="failed">Failed</option>
          <option value="changed">Changed after copying</option>
        </select>
      </div>
      <div className="col-span-2 flex items-end gap-2 sm:col-span-3 lg:col-span-6">
        <button type="submit" className={primaryButton}>
          Apply filters
        </button>
        {filtered ? (
          <Link href="/orders" className={secondaryButton}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
