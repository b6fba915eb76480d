import type { Store, Workspace } from '../../db/schema';
import type { LinkDirection, LinkPlan } from '../data/order-links';
import type { UpsertedOrder } from '../data/orders';

/**
 * Orders created before this are history: never copied. WooCommerce dates have whole seconds, so the
 * start is taken down to its second: an order placed in the very second a store was connected counts.
 */
export function syncStartFor(workspace: Pick<Workspace, 'syncStartAt'>, store: Pick<Store, 'connectedAt'>): Date {
  const start = workspace.syncStartAt ?? store.connectedAt;
  return new Date(Math.floor(start.getTime() / 1000) * 1000);
}

/**
 * Where a store's own orders go: main-store orders to every substore that receives them, substore
 * orders to the main store. Copies (origin set) go nowhere — that is the loop guard.
 */
export function planLinksFor(
  order: Pick<UpsertedOrder, 'id' | 'dateCreatedGmt' | 'originRef'>,
  source: Store,
  stores: Store[],
  workspace: Pick<Workspace, 'syncStartAt'>,
  options: { ignoreSyncStart?: boolean } = {},
): LinkPlan[] {
  if (order.originRef) return [];
  if (!options.ignoreSyncStart && order.dateCreatedGmt.getTime() < syncStartFor(workspace, source).getTime()) return [];
  if (source.role === 'main') {
    return stores
      .filter((s) => s.role === 'sub' && s.receivesMainOrders)
      .map((s) => ({ sourceOrderId: order.id, targetStoreId: s.id, direction: 'to_sub' as const }));
  }
  const main = stores.find((s) => s.role === 'main');
  if (!main || !source.sendsOrdersToMain) return [];
  return [{ sourceOrderId: order.id, targetStoreId: main.id, direction: 'to_main' }];
}

/** Which existing copies follow their source's later changes by themselves. */
export function updatingDirections(source: Store, workspace: Pick<Workspace, 'keepSubstoreCopiesUpdated'>): LinkDirection[] {
  if (source.role === 'sub') return ['to_main'];
  return workspace.keepSubstoreCopiesUpdated ? ['to_sub'] : [];
}
