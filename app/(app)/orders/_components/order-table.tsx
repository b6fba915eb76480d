import { chipView, type ChipView } from '@/lib/console/chip-view';
import { formatDateTime, formatMoney } from '@/lib/console/format';
import type { OrderListRow } from '@/lib/data/order-list';
import { OrderTableView } from './order-table-view';

/** A row as the table shows it; dates and amounts are formatted here once, so the browser shows the server's text. */
export type OrderTableRow = Pick<
  OrderListRow,
  'id' | 'number' | 'storeName' | 'customerName' | 'customerEmail' | 'status' | 'isCopy' | 'originStoreName'
> & {
  dateIso: string;
  dateLabel: string;
  totalLabel: string;
  targets: ChipView[];
};

export function OrderTable({ rows, caption }: { rows: OrderListRow[]; caption: string }) {
  const tableRows = rows.map(({ dateCreatedGmt, total, currency, storeId: _storeId, targets, ...row }): OrderTableRow => ({
    ...row,
    targets: targets.map(chipView),
    dateIso: dateCreatedGmt.toISOString(),
    dateLabel: formatDateTime(dateCreatedGmt),
    totalLabel: formatMoney(total, currency),
  }));
  return <OrderTableView rows={tableRows} caption={caption} />;
}
