import { Pill, type PillTone } from '@/app/components/ui/pill';

const STATUS_TONES: Record<string, PillTone> = {
  completed: 'success',
  processing: 'info',
  'on-hold': 'warning',
  pending: 'neutral',
  cancelled: 'muted',
  refunded: 'accent',
  failed: 'danger',
};

export function formatWooStatus(status: string): string {
  const label = status.replace(/-/g, ' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** WooCommerce's own order status, as the store reports it. */
export function StatusBadge({ status }: { status: string }) {
  return <Pill tone={STATUS_TONES[status] ?? STATUS_TONES.pending}>{formatWooStatus(status)}</Pill>;
}
