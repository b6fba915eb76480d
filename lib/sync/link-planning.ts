import type { Store, Workspace } from '@/db/schema';
import type { LinkDirection, LinkPlan } from '@/lib/data/order-links';
import type { UpsertedOrder } from '@/lib/data/orders';

/**
 * Orders created before this are history: never copied. WooCommerce dates have whole seconds, so the
 * start is taken down to its second: an order placed in the very second a store was connected counts.
 */
export function syncStartFor(workspace: Pick<Workspace, 'syncStartAt'>, store: Pick<Store, 'connectedAt'>): Date {
  const start = workspace.syncStartAt ?? store.connectedAt;
  return new Date(Math.floor(start.getTime() / 1000) * 1000);
}

type Direction = Pick<Store, 'id' | 'role' | 'receivesMainOrders' | 'sendsOrdersToMain'>;

/**
 * Who sends to whom: main-store orders go to every substore that receives them, a substore's orders to the
 * main store when it sends them there. Among `stores` only: leave out paused stores first if they do not count.
 */
export function targetsOf<S extends Direction>(source: Direction, stores: S[]): S[] {
  if (source.role === 'main') return stores.filter((s) => s.role === 'sub' && s.receivesMainOrders);
  const main = stores.find((s) => s.role === 'main');
  return main && source.sendsOrdersToMain ? [main] : [];
}

/** The stores whose own orders go to this target. */
export function sourcesOf<S extends Direction>(target: Direction, stores: S[]): S[] {
  return stores.filter((s) => s.id !== target.id && targetsOf(s, stores).some((t) => t.id === target.id));
}

/** The links a store's own order needs, one per target. Copies (origin set) go nowhere — that is the loop guard. */
export function planLinksFor(
  order: Pick<UpsertedOrder, 'id' | 'dateCreatedGmt' | 'originRef'>,
  source: Store,
  stores: Store[],
  workspace: Pick<Workspace, 'syncStartAt'>,
  options: { ignoreSyncStart?: boolean } = {},
): LinkPlan[] {
  if (order.originRef) return [];
  if (!options.ignoreSyncStart && order.dateCreatedGmt.getTime() < syncStartFor(workspace, source).getTime()) return [];
  return targetsOf(source, stores).map((target) => ({ sourceOrderId: order.id, targetStoreId: target.id, direction: directionTo(target) }));
}

function directionTo(target: Pick<Store, 'role'>): LinkDirection {
  return target.role === 'sub' ? 'to_sub' : 'to_main';
}

/** Which existing copies follow their source's later changes by themselves: main-store orders reach substores once, unless the workspace keeps them updated. */
export function updatingDirections(source: Pick<Store, 'role'>, workspace: Pick<Workspace, 'keepSubstoreCopiesUpdated'>): LinkDirection[] {
  if (source.role === 'sub') return ['to_main'];
  return workspace.keepSubstoreCopiesUpdated ? ['to_sub'] : [];
}
