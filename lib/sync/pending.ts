import type { Db } from '../../db/client';
import { countOpenLinks } from '../data/pending-counts';

export type PendingCounts = { toSubstores: number; toMain: number; total: number; held: number; failed: number; checkedAt: Date | null };

/** Orders waiting to sync per direction, plus held and failed ones: one index-only query, fit for every page load. */
export async function pendingCounts(db: Db, workspaceId: string): Promise<PendingCounts> {
  const counts = await countOpenLinks(db, workspaceId);
  return { ...counts, total: counts.toSubstores + counts.toMain };
}
