import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatWooStatus } from '@/app/components/console/status-badge';
import { Button, buttonClass } from '@/app/components/ui/button';
import { cardClass } from '@/app/components/ui/card';
import { Input, labelClass, Select } from '@/app/components/ui/field';
import { ORDER_STATUS_FILTERS, type OrderListQuery } from '@/lib/console/order-list-query';
import type { StoreSummary } from '@/lib/data/stores';

const SYNC_STATES: Array<[string, string]> = [
  ['synced', 'Synced'],
  ['pending', 'Pending'],
  ['held', 'Held'],
  ['failed', 'Failed'],
  ['changed', 'Changed after copying'],
];

function Filter({ name, label, className, children }: { name: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={`filter-${name}`} className={labelClass({ small: true })}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** One filter's choices: "any" first (the empty value), then each value with its words. */
function FilterSelect({
  name,
  label,
  value,
  any,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  any: string;
  options: Array<[string, string]>;
}) {
  return (
    <Filter name={name} label={label}>
      <Select id={`filter-${name}`} name={name} defaultValue={value ?? ''} controlSize="sm">
        <option value="">{any}</option>
        {options.map(([optionValue, words]) => (
          <option key={optionValue} value={optionValue}>
            {words}
          </option>
        ))}
      </Select>
    </Filter>
  );
}

/** A plain GET form: the filters live in the URL, work without JavaScript and survive reloads and links. */
export function OrderFilters({ query, stores }: { query: OrderListQuery; stores: StoreSummary[] }) {
  const substores = stores.filter((store) => store.role === 'sub');
  const filtered = Boolean(query.store || query.origin || query.status || query.sync || query.q);
  return (
    <form
      method="get"
      action="/orders"
      role="search"
      aria-label="Filter orders"
      className={`${cardClass()} grid grid-cols-2 gap-3 p-3 sm:grid-cols-3 lg:grid-cols-6`}
    >
      <Filter name="q" label="Search" className="col-span-2 sm:col-span-3 lg:col-span-2">
        <Input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={query.q ?? ''}
          placeholder="Order number or customer email"
          controlSize="sm"
        />
      </Filter>
      <FilterSelect
        name="store"
        label="Store"
        value={query.store}
        any="All stores"
        options={stores.map((store): [string, string] => [store.id, store.name])}
      />
      <FilterSelect
        name="origin"
        label="Came from"
        value={query.origin}
        any="Anywhere"
        options={[['main', 'Main store'], ...substores.map((store): [string, string] => [store.id, store.name])]}
      />
      <FilterSelect
        name="status"
        label="Status"
        value={query.status}
        any="Any status"
        options={ORDER_STATUS_FILTERS.map((status): [string, string] => [status, formatWooStatus(status)])}
      />
      <FilterSelect name="sync" label="Sync state" value={query.sync} any="Any" options={SYNC_STATES} />
      <div className="col-span-2 flex items-end gap-2 sm:col-span-3 lg:col-span-6">
        <Button>Apply filters</Button>
        {filtered ? (
          <Link href="/orders" className={buttonClass({ variant: 'secondary' })}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
