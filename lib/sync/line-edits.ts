import type { WooLineItem, WooOrder } from '@/lib/woo/types';

type Line = Pick<WooLineItem, 'id' | 'sku' | 'quantity' | 'subtotal' | 'total' | 'name'>;
export type LineChange = { sku: string; source: Line | null; copy: Line | null };

const skuOf = (line: Line) => (line.sku ?? '').trim();
const amount = (value: string | undefined) => Math.round(Number(value ?? 0) * 100);

/** Lines that differ between source and copy, matched by SKU; null when a SKU is on more than one line (no safe match). */
export function lineChanges(source: Line[], copy: Line[]): LineChange[] | null {
  const bySku = (lines: Line[]) => {
    const map = new Map<string, Line>();
    for (const line of lines) {
      const sku = skuOf(line);
      if (!sku || map.has(sku)) return null;
      map.set(sku, line);
    }
    return map;
  };
  const from = bySku(source);
  const to = bySku(copy);
  if (!from || !to) return null;
  const changes: LineChange[] = [];
  for (const [sku, line] of from) {
    const onCopy = to.get(sku) ?? null;
    if (!onCopy || Number(onCopy.quantity) !== Number(line.quantity) || amount(onCopy.total) !== amount(line.total))
      changes.push({ sku, source: line, copy: onCopy });
  }
  for (const [sku, line] of to) if (!from.has(sku)) changes.push({ sku, source: null, copy: line });
  return changes;
}

export function describeLineChanges(changes: LineChange[]): string {
  return changes
    .map(({ sku, source, copy }) => {
      if (!copy) return `${sku} added (quantity ${source!.quantity}, total ${source!.total})`;
      if (!source) return `${sku} removed`;
      if (Number(copy.quantity) !== Number(source.quantity)) return `${sku} quantity ${copy.quantity} → ${source.quantity}`;
      return `${sku} total ${copy.total} → ${source.total}`;
    })
    .join('; ');
}

/**
 * The `line_items` of a PUT that makes the copy's lines the source's. WooCommerce does not recalculate an
 * edited line, so subtotal and total go with the quantity; a new SKU adds a line, quantity 0 removes one.
 */
export function lineEditPayload(changes: LineChange[]): Array<Record<string, unknown>> {
  return changes.map(({ sku, source, copy }) => {
    if (!source) return { id: copy!.id, quantity: 0 };
    const amounts = { quantity: source.quantity, subtotal: source.subtotal ?? source.total, total: source.total };
    return copy ? { id: copy.id, ...amounts } : { sku, ...amounts };
  });
}

/** A copy that was fulfilled or refunded is the merchant's to change, never overwritten. */
export function copyHasMovedOn(copy: Pick<WooOrder, 'status' | 'refunds'>): boolean {
  return copy.status === 'completed' || copy.status === 'refunded' || (copy.refunds ?? []).length > 0;
}
