import type { WooOrder, WooRefund } from '@/lib/woo/types';
import type { OrderBody } from './order-snapshot';

/** On each mirrored refund: the source refund it mirrors, found again after a timeout or a crash. */
export const REFUND_ORIGIN_META = '_orderbridge_refund_origin';

export function refundMarker(sourceStoreId: string, sourceRemoteId: number, refundId: number): string {
  return `${sourceStoreId}:${sourceRemoteId}:${refundId}`;
}

/** Source refunds not mirrored yet, oldest first. */
export function refundsToMirror(body: OrderBody, mirrored: readonly number[]): number[] {
  const done = new Set(mirrored);
  return (body.refunds ?? [])
    .map((r) => r.id)
    .filter((id) => !done.has(id))
    .sort((a, b) => a - b);
}

/** Source refund ids whose mirror is already on the copy, read from the copy's refunds. */
export function mirroredRefundIdsOn(copyRefunds: WooRefund[], sourceStoreId: string, sourceRemoteId: number): Set<number> {
  const prefix = `${sourceStoreId}:${sourceRemoteId}:`;
  const ids = new Set<number>();
  for (const refund of copyRefunds) {
    for (const meta of refund.meta_data ?? []) {
      if (meta.key !== REFUND_ORIGIN_META || typeof meta.value !== 'string' || !meta.value.startsWith(prefix)) continue;
      const id = Number(meta.value.slice(prefix.length));
      if (Number.isInteger(id)) ids.add(id);
    }
  }
  return ids;
}

export const cents = (amount: string | number | undefined): number => Math.round(Math.abs(Number(amount ?? 0)) * 100);
const money = (value: number): string => (value / 100).toFixed(2);

/** What is left to refund on the copy: its total less its refunds. */
export function refundableCents(copy: Pick<WooOrder, 'total' | 'refunds'>): number {
  return cents(copy.total) - (copy.refunds ?? []).reduce((sum, r) => sum + cents(r.total), 0);
}

export type RefundPlan = { kind: 'send'; body: Record<string, unknown> } | { kind: 'hold'; reason: string };

export type RefundContext = {
  marker: string;
  copy: Pick<WooOrder, 'total' | 'refunds' | 'line_items'>;
  copyNumber: string;
  targetName: string;
  sourceLabel: string;
  restock: boolean;
};

/**
 * The mirror of a source refund on the copy: the same amount and lines, the lines mapped by SKU to the
 * copy's own line ids. Never through a payment gateway (`api_refund: false`): no money moves through Orderbridge.
 */
export function planRefund(refund: WooRefund, ctx: RefundContext): RefundPlan {
  const amount = cents(refund.amount);
  const left = refundableCents(ctx.copy);
  if (amount > left)
    return {
      kind: 'hold',
      reason: `Refund of ${money(amount)} is more than the ${money(left)} left to refund on copy #${ctx.copyNumber} on ${ctx.targetName}`,
    };
  const lines: Array<Record<string, unknown>> = [];
  for (const line of refund.line_items ?? []) {
    const quantity = Math.abs(Number(line.quantity) || 0);
    const total = cents(line.total);
    if (quantity === 0 && total === 0) continue;
    const sku = (line.sku ?? '').trim();
    const matches = (ctx.copy.line_items ?? []).filter((l) => sku && (l.sku ?? '').trim() === sku);
    if (matches.length !== 1 || matches[0].id === undefined) {
      const what = sku ? `SKU ${sku}` : `"${line.name || 'an unnamed line'}"`;
      return {
        kind: 'hold',
        reason: `The refund's line ${what} is not ${matches.length > 1 ? 'a single line' : 'a line'} of copy #${ctx.copyNumber} on ${ctx.targetName}`,
      };
    }
    lines.push({ id: matches[0].id, quantity, refund_total: money(total) });
  }
  const reason = (refund.reason ?? '').trim();
  return {
    kind: 'send',
    body: {
      amount: money(amount),
      reason: reason ? `${reason} (refunded on ${ctx.sourceLabel})` : `Refunded on ${ctx.sourceLabel}`,
      api_refund: false,
      api_restock: ctx.restock,
      line_items: lines,
      meta_data: [{ key: REFUND_ORIGIN_META, value: ctx.marker }],
    },
  };
}
