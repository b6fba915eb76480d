import type { Db } from '@/db/client';
import type { Store } from '@/db/schema';
import { listOpenLinks, loadLinksWithSources, remoteIdsOfCopies } from '@/lib/data/order-links';
import type { PulledOrderRow } from '@/lib/data/orders';
import { listStoresForSync } from '@/lib/data/store-sync-state';
import { getWorkspace } from '@/lib/data/workspaces';
import type { WooClient } from '@/lib/woo/client';
import { isWooRequestError } from '@/lib/woo/errors';
import { clientForStore } from './store-client';
import { holdReason, skusOf } from './copy-builder';
import { PageBudget } from './page-budget';
import { syncStartFor, targetsOf } from './link-planning';
import type { OrderBody } from './order-snapshot';
import { readChangedOrders } from './read-changed-orders';
import { SkuCache } from './sku-cache';
import { resolveTuning, type SyncTuning } from './tuning';
import { WorkspaceNotFoundError } from './sync-workspace';

export type PreviewHold = { orderNumber: string; sourceStoreName: string; targetStoreName: string; reason: string };
export type SyncPreview = {
  toSubstores: number;
  toMain: number;
  held: PreviewHold[];
  stores: Array<{ storeId: string; name: string; role: 'main' | 'sub'; newOrders: number; error?: string }>;
  /** Stopped reading a store after this many orders; the counts are then a lower bound. */
  truncated: boolean;
  summary: string;
};

const PREVIEW_ORDER_CAP = 2_000;

type Candidate = { store: Store; row: Pick<PulledOrderRow, 'number' | 'status' | 'currency' | 'body' | 'remoteId'> };

/** What a run would do now — new copies per direction and what would be held — without writing anything. */
export async function previewWorkspace(db: Db, workspaceId: string, overrides?: Partial<SyncTuning>): Promise<SyncPreview> {
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) throw new WorkspaceNotFoundError(workspaceId);
  const tuning = resolveTuning(overrides);
  const stores = (await listStoresForSync(db, workspaceId)).filter((s) => !s.paused);
  const signal = new AbortController().signal;
  const clients = new Map(stores.map((s) => [s.id, clientForStore(s, tuning, signal)]));
  const pages = new PageBudget(tuning.maxStorePagesPerRun);
  const storeReports: SyncPreview['stores'] = [];
  const candidates: Candidate[] = [];
  let truncated = false;

  for (const store of stores) {
    try {
      const { rows, cut } = await readNewOrders(db, store, clients.get(store.id)!, workspace, pages);
      truncated ||= cut;
      const copies = await remoteIdsOfCopies(db, { workspaceId, storeId: store.id, remoteIds: rows.map((r) => r.remoteId) });
      const own = rows.filter((r) => !r.originRef && !copies.has(r.remoteId) && r.dateCreatedGmt >= syncStartFor(workspace, store));
      storeReports.push({ storeId: store.id, name: store.name, role: store.role, newOrders: own.length });
      for (const row of own) candidates.push({ store, row });
    } catch (error) {
      if (!isWooRequestError(error)) throw error;
      storeReports.push({ storeId: store.id, name: store.name, role: store.role, newOrders: 0, error: error.message });
    }
  }

  // Orders already indexed but not yet copied count too.
  const open = await listOpenLinks(db, workspaceId, { includeHeldAndPermanentFailures: true });
  const openEntries = await loadLinksWithSources(
    db,
    workspaceId,
    open
      .filter((l) => l.state !== 'synced')
      .slice(0, PREVIEW_ORDER_CAP)
      .map((l) => l.id),
  );
  const storesById = new Map(stores.map((s) => [s.id, s]));
  const seen = new Set(candidates.map((c) => `${c.store.id}:${c.row.remoteId}`));
  const pairs: Array<{ candidate: Candidate; target: Store }> = [];
  for (const c of candidates) for (const target of targetsOf(c.store, stores)) pairs.push({ candidate: c, target });
  for (const e of openEntries) {
    const source = storesById.get(e.source.storeId);
    const target = storesById.get(e.link.targetStoreId);
    if (!source || !target || seen.has(`${source.id}:${e.source.remoteId}`)) continue;
    pairs.push({ candidate: { store: source, row: { ...e.source, body: e.source.body } }, target });
  }

  const skuCache = new SkuCache();
  const held: PreviewHold[] = [];
  let toSubstores = 0;
  let toMain = 0;
  for (const target of stores) {
    const forTarget = pairs.filter((p) => p.target.id === target.id);
    if (forTarget.length === 0) continue;
    try {
      await skuCache.ensure(
        target,
        clients.get(target.id)!,
        forTarget.flatMap((p) => skusOf(p.candidate.row.body as OrderBody)),
      );
    } catch (error) {
      if (!isWooRequestError(error)) throw error;
      storeReports.find((r) => r.storeId === target.id)!.error ??= error.message;
    }
    const knownSkus = skuCache.knownSkus(target.id);
    for (const { candidate, target: t } of forTarget) {
      const reason = holdReason(
        {
          storeId: candidate.store.id,
          storeName: candidate.store.name,
          remoteId: candidate.row.remoteId,
          number: candidate.row.number,
          status: candidate.row.status,
          currency: candidate.row.currency,
          body: candidate.row.body as OrderBody,
        },
        { name: t.name, currency: t.currency, knownSkus },
        workspace,
      );
      if (reason) held.push({ orderNumber: candidate.row.number, sourceStoreName: candidate.store.name, targetStoreName: t.name, reason });
      else if (t.role === 'sub') toSubstores += 1;
      else toMain += 1;
    }
  }
  return { toSubstores, toMain, held, stores: storeReports, truncated, summary: previewSentence(toSubstores, toMain, held.length) };
}

async function readNewOrders(db: Db, store: Store, client: WooClient, workspace: { syncStartAt: Date | null }, pages: PageBudget) {
  const rows: PulledOrderRow[] = [];
  const end = await readChangedOrders(
    { db, store, client, floor: syncStartFor(workspace, store), pages },
    {
      onPage: async (page) => void rows.push(...page.fresh),
      stopAfter: () => rows.length >= PREVIEW_ORDER_CAP,
    },
  );
  return { rows, cut: end.kind !== 'done' };
}

function previewSentence(toSub: number, toMain: number, held: number): string {
  if (toSub + toMain + held === 0) return 'Nothing to sync yet — all orders are in sync.';
  const parts = [
    `A sync now would create ${toSub + toMain} cop${toSub + toMain === 1 ? 'y' : 'ies'}: ${toSub} on substores, ${toMain} on the main store.`,
  ];
  if (held > 0) parts.push(`${held} would be held.`);
  return parts.join(' ');
}
