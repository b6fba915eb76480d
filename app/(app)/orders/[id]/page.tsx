import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { StatusBadge } from '@/app/components/console/status-badge';
import { TargetChip } from '@/app/components/console/target-chip';
import { Card } from '@/app/components/ui/card';
import { textLink } from '@/app/components/ui/text-link';
import { chipView } from '@/lib/console/chip-view';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import { formatDateTime, formatMoney, wooAdminOrderUrl } from '@/lib/console/format';
import { readOrderBody } from '@/lib/console/order-body';
import { getOrderDetail } from '@/lib/data/order-detail';
import { syncOrderAction } from '@/app/(app)/orders/actions';
import { OrderCustomer, OrderItems } from './_components/order-summary';
import { OrderTimeline } from './_components/order-timeline';
import { SyncOrderButton } from './_components/sync-order-button';

export const metadata: Metadata = { title: 'Order' };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, workspace } = await requireWorkspaceContext();
  const detail = await getOrderDetail(db, workspace.id, id);
  if (!detail) notFound();
  const { order, store, origin, targets, events } = detail;
  const body = readOrderBody(order.body, order.total);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/orders" className={textLink}>
          ← All orders
        </Link>
      </nav>
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">
            Order #{order.number} <span className="text-lg font-normal text-slate-600">on {store.name}</span>
          </h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <StatusBadge status={order.status} />
            <span>Placed {formatDateTime(order.dateCreatedGmt)}</span>
            <span aria-hidden="true">·</span>
            <span>{formatMoney(order.total, order.currency)}</span>
            <span aria-hidden="true">·</span>
            <a href={wooAdminOrderUrl(store.url, order.remoteId)} target="_blank" rel="noreferrer" className={textLink}>
              Open in WooCommerce<span className="sr-only"> (new tab)</span>
            </a>
          </p>
        </div>
        {origin ? (
          <p className="max-w-xs text-sm text-slate-600">
            This is a copy. To push changes, use Sync Order on{' '}
            <Link href={`/orders/${origin.sourceOrderId}`} className={textLink}>
              the original order #{origin.number}
            </Link>
            .
          </p>
        ) : (
          <SyncOrderButton action={syncOrderAction} orderId={order.id} />
        )}
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <OrderItems body={body} currency={order.currency} total={order.total} />
          <OrderCustomer body={body} />
        </div>
        <div className="space-y-6">
          <Card as="section" aria-labelledby="origin-heading" className="p-4">
            <h2 id="origin-heading" className="text-base font-semibold">
              Came from
            </h2>
            {origin ? (
              <p className="mt-1 text-sm text-slate-700" data-testid="order-origin">
                Copy of{' '}
                <Link href={`/orders/${origin.sourceOrderId}`} className={textLink}>
                  order #{origin.number}
                </Link>{' '}
                from {origin.storeName}
              </p>
            ) : (
              <p className="mt-1 text-sm text-slate-700" data-testid="order-origin">
                Placed on {store.name} ({store.role === 'main' ? 'main store' : 'substore'})
              </p>
            )}
            <h2 className="mt-4 text-base font-semibold">Went to</h2>
            {targets.length ? (
              <ul className="mt-2 space-y-2" data-testid="order-targets">
                {targets.map((chip) => (
                  <li key={chip.linkId} className="space-y-1">
                    <TargetChip view={chipView(chip)} />
                    {chip.lastError && (chip.state === 'held' || chip.state === 'failed' || chip.refundHeld) ? (
                      <p className="text-xs text-slate-600">{chip.lastError}</p>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-sm text-slate-600">
                {origin
                  ? 'Copies are not copied again.'
                  : 'Not copied anywhere yet. Sync Order sends it to every store that should have it.'}
              </p>
            )}
          </Card>
          <Card as="section" aria-labelledby="timeline-heading" className="p-4">
            <h2 id="timeline-heading" className="mb-3 text-base font-semibold">
              Sync history
            </h2>
            <OrderTimeline events={events} />
          </Card>
        </div>
      </div>
    </div>
  );
}
