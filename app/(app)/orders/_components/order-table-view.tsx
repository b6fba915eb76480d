'use client';

import Link from 'next/link';
import { StatusBadge } from '@/app/components/console/status-badge';
import { TargetChip } from '@/app/components/console/target-chip';
import { HeaderCell, TableRegion } from '@/app/components/ui/table';
import type { OrderTableRow } from './order-table';
import '@/app/components/console/console.css';

const cell = 'ob-cell';

/**
 * The table's markup, as a client component: the page sends each row's data once, instead of a
 * server-rendered element tree for every cell, which made the page's payload several times larger.
 * Order links are not prefetched: Next.js would otherwise ask the server for every order in view (31 requests
 * for one look at the list), several times the page's own cost, for the one order the merchant may open.
 */
export function OrderTableView({ rows, caption }: { rows: OrderTableRow[]; caption: string }) {
  return (
    <TableRegion label="Orders">
      <table className="min-w-[960px] w-full divide-y divide-slate-200" data-testid="order-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <HeaderCell>Order</HeaderCell>
            <HeaderCell>Store</HeaderCell>
            <HeaderCell>Date</HeaderCell>
            <HeaderCell>Customer</HeaderCell>
            <HeaderCell align="right">Total</HeaderCell>
            <HeaderCell>Status</HeaderCell>
            <HeaderCell>Sync</HeaderCell>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr
              key={row.id}
              className="hover:bg-slate-50"
              data-testid="order-row"
              data-order-number={row.number}
              data-store={row.storeName}
            >
              <td className={cell}>
                <Link href={`/orders/${row.id}`} prefetch={false} className="ob-order-link">
                  #{row.number}
                  <span className="sr-only"> on {row.storeName}</span>
                </Link>
              </td>
              <td className={`${cell} text-slate-700`}>{row.storeName}</td>
              <td className={`${cell} whitespace-nowrap text-slate-600`}>
                <time dateTime={row.dateIso}>{row.dateLabel}</time>
              </td>
              <td className={cell}>
                <div className="text-slate-800">{row.customerName ?? 'Guest'}</div>
                {row.customerEmail ? <div className="text-xs text-slate-500">{row.customerEmail}</div> : null}
              </td>
              <td className={`${cell} whitespace-nowrap text-right tabular-nums text-slate-800`}>{row.totalLabel}</td>
              <td className={cell}>
                <StatusBadge status={row.status} />
              </td>
              <td className={cell}>
                {row.isCopy ? (
                  <span className="text-xs text-slate-600">Copy from {row.originStoreName}</span>
                ) : row.targets.length ? (
                  <ul className="flex flex-wrap gap-1.5" aria-label={`Targets of order #${row.number}`}>
                    {row.targets.map((chip, index) => (
                      <li key={index} className="max-w-full">
                        <TargetChip view={chip} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-xs text-slate-500">No copies</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
