import { Pill } from '@/app/components/ui/pill';

const STATUS_STYLES: Record<string, string> = {
  completed: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  processing: 'bg-sky-50 text-sky-800 ring-sky-200',
  'on-hold': 'bg-amber-50 text-amber-800 ring-amber-200',
  pending: 'bg-slate-100 text-slate-700 ring-slate-200',
  cancelled: 'bg-slate-100 text-slate-600 ring-slate-200',
  refunded: 'bg-violet-50 text-violet-800 ring-violet-200',
  failed: 'bg-rose-50 text-rose-800 ring-rose-200',
};

export function formatWooStatus(status: string): string {
  const label = status.replace(/-/g, ' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** WooCommerce's own order status, as the store reports it. */
export function StatusBadge({ status }: { status: string }) {
  return <Pill tone={STATUS_STYLES[status] ?? STATUS_STYLES.pending}>{formatWooStatus(status)}</Pill>;
}
