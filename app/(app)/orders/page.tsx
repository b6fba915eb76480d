import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EmptyState } from '@/app/components/console/empty-state';
import { Pagination } from '@/app/components/console/pagination';
import { StoresWaiting } from '@/app/components/console/stores-waiting';
import { can } from '@/lib/auth/permissions';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import { consolePendingCounts } from '@/lib/console/pending-counts';
import { parseOrderListQuery, type OrderListQuery } from '@/lib/console/order-list-query';
import { listOrders, type OrderListPage } from '@/lib/data/order-list';
import { plural } from '@/lib/utils/plural';
import { OrderFilters } from './_components/order-filters';
import { OrderTable } from './_components/order-table';
import { PendingNotice } from './_components/pending-notice';

export const metadata: Metadata = { title: 'Orders' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function countLine(page: OrderListPage): string {
  const first = (page.page - 1) * page.pageSize + 1;
  const last = first + page.rows.length - 1;
  const total = page.totalIsCapped ? `more than ${page.total.toLocaleString('en-GB')}` : page.total.toLocaleString('en-GB');
  return `Showing ${first.toLocaleString('en-GB')}–${last.toLocaleString('en-GB')} of ${total} orders, newest first`;
}

function isFiltered(query: OrderListQuery): boolean {
  return Boolean(query.store || query.origin || query.status || query.sync || query.q);
}

export default async function OrdersPage({ searchParams }: { searchParams: SearchParams }) {
  const { db, workspace, role } = await requireWorkspaceContext();
  const query = parseOrderListQuery(await searchParams);
  const [page, counts] = await Promise.all([listOrders(db, workspace.id, query), consolePendingCounts(db, workspace.id)]);

  if (page.stores.length === 0) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">Orders</h1>
        <EmptyState
          title="Connect your stores to see orders here"
          body="Orderbridge lists the orders of your main store and substores once they are connected. Connecting takes a few minutes."
          action={can(role, 'stores.manage') ? { href: '/onboarding', label: 'Connect stores' } : undefined}
        />
      </div>
    );
  }

  const { page: _page, ...filters } = query;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Orders</h1>
      <Suspense fallback={<PendingNotice counts={counts} stores="checking" />}>
        <StoresWaiting db={db} workspaceId={workspace.id}>
          {(stores) => <PendingNotice counts={counts} stores={stores} />}
        </StoresWaiting>
      </Suspense>
      <OrderFilters query={query} stores={page.stores} />
      {page.rows.length === 0 ? (
        isFiltered(query) ? (
          <EmptyState
            title="No orders match these filters"
            body="Try another store or sync state, or search for the whole order number or email."
            action={{ href: '/orders', label: 'Clear filters' }}
          />
        ) : query.page > 1 ? (
          <EmptyState
            title="This page is past the last order"
            body="The list has fewer pages now."
            action={{ href: '/orders', label: 'Back to the first page' }}
          />
        ) : (
          <EmptyState
            title="No orders yet"
            body={`Orderbridge reads new orders from your ${plural(page.stores.length, 'store')} on every sync. Press Sync Now above to read them now.`}
          />
        )
      ) : (
        <>
          <p className="text-sm text-slate-600" data-testid="order-count">
            {countLine(page)}
          </p>
          <OrderTable rows={page.rows} caption={countLine(page)} />
          <Pagination basePath="/orders" params={filters} page={page.page} hasNextPage={page.hasNextPage} label="Order pages" />
        </>
      )}
    </div>
  );
}
