import { formatDay } from '@/lib/console/format';
import { plural } from '@/lib/utils/plural';
import type { DailyCount } from '@/lib/data/order-events';

const WIDTH = 560;
const HEIGHT = 180;
const PADDING = { top: 12, right: 8, bottom: 28, left: 32 };

/** A bar per day, drawn by hand; the same numbers are in a table for screen readers. */
export function OrdersChart({ days }: { days: DailyCount[] }) {
  const total = days.reduce((sum, day) => sum + day.count, 0);
  const max = Math.max(1, ...days.map((day) => day.count));
  const plotWidth = WIDTH - PADDING.left - PADDING.right;
  const plotHeight = HEIGHT - PADDING.top - PADDING.bottom;
  const slot = plotWidth / days.length;
  const barWidth = Math.max(4, slot * 0.6);
  const description = `${plural(total, 'order')} copied over the last ${days.length} days; the busiest day had ${plural(Math.max(...days.map((d) => d.count), 0), 'order')}.`;
  return (
    <figure className="space-y-2" data-testid="orders-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-labelledby="orders-chart-title orders-chart-desc">
        <title id="orders-chart-title">Orders synced per day</title>
        <desc id="orders-chart-desc">{description}</desc>
        {[...new Set([0, Math.round(max / 2), max])].map((tick) => {
          const y = PADDING.top + plotHeight * (1 - tick / max);
          return (
            <g key={tick}>
              <line x1={PADDING.left} x2={WIDTH - PADDING.right} y1={y} y2={y} className="stroke-slate-200" strokeWidth={1} />
              <text x={PADDING.left - 6} y={y + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
                {tick}
              </text>
            </g>
          );
        })}
        {days.map((day, index) => {
          const height = (day.count / max) * plotHeight;
          const x = PADDING.left + index * slot + (slot - barWidth) / 2;
          return (
            <g key={day.day}>
              <rect x={x} y={PADDING.top + plotHeight - height} width={barWidth} height={height} rx={2} className="fill-brand-500" />
              {index % 2 === days.length % 2 ? null : (
                <text x={x + barWidth / 2} y={HEIGHT - 10} textAnchor="middle" className="fill-slate-500 text-[10px]">
                  {formatDay(day.day)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="text-sm text-slate-600">{description} Days are UTC.</figcaption>
      <table className="sr-only">
        <caption>Orders synced per day (UTC)</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Orders synced</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <td>{formatDay(day.day)}</td>
              <td>{day.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
