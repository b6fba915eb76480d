import type { OrderEventKind } from '@/db/schema';
import { formatDateTime } from '@/lib/console/format';
import type { OrderDetail } from '@/lib/data/order-detail';

const KIND_LABELS: Record<OrderEventKind, { label: string; dot: string }> = {
  pulled: { label: 'Read', dot: 'bg-slate-400' },
  created: { label: 'Copied', dot: 'bg-emerald-500' },
  updated: { label: 'Updated', dot: 'bg-sky-500' },
  held: { label: 'Held', dot: 'bg-amber-500' },
  retried: { label: 'Retried', dot: 'bg-slate-500' },
  adopted: { label: 'Adopted after a timeout', dot: 'bg-violet-500' },
  failed: { label: 'Failed', dot: 'bg-rose-500' },
  warning: { label: 'Warning', dot: 'bg-amber-400' },
  refunded: { label: 'Refund mirrored', dot: 'bg-violet-500' },
  cancelled: { label: 'Cancelled', dot: 'bg-slate-600' },
  edited: { label: 'Lines edited', dot: 'bg-sky-600' },
  changed: { label: 'Changed after copying', dot: 'bg-orange-500' },
};

/** Every sync event of the order, oldest first, with the store's own message. */
export function OrderTimeline({ events }: { events: OrderDetail['events'] }) {
  if (events.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        Nothing has happened to this order yet. The next sync, or Sync Order above, sends it where it belongs.
      </p>
    );
  }
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-5" data-testid="order-timeline">
      {events.map((event) => {
        const kind = KIND_LABELS[event.kind] ?? { label: event.kind, dot: 'bg-slate-400' };
        return (
          <li key={event.id} className="relative" data-kind={event.kind}>
            <span
              aria-hidden="true"
              className={`absolute -left-[1.65rem] top-1.5 h-2.5 w-2.5 rounded-full ring-4 ring-white ${kind.dot}`}
            />
            <p className="text-sm">
              <span className="font-medium text-slate-900">{kind.label}</span>
              <span className="text-slate-500"> · </span>
              <time dateTime={new Date(event.at).toISOString()} className="text-slate-500">
                {formatDateTime(event.at)}
              </time>
            </p>
            <p className="text-sm text-slate-700">{event.message}</p>
          </li>
        );
      })}
    </ol>
  );
}
