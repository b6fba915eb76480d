import type { SyncCounts } from '@/db/schema';
import { plural } from '@/lib/utils/plural';

export type SyncIssue = { orderId: string; orderNumber: string; sourceStoreName: string; targetStoreName: string; reason: string };

export function emptyCounts(): SyncCounts {
  return {
    pulled: 0,
    toSub: { created: 0, updated: 0, held: 0, failed: 0 },
    toMain: { created: 0, updated: 0, held: 0, failed: 0 },
  };
}

/** The sentence a merchant reads after a run, e.g. "Synced 12 orders: 8 to substores, 4 to the main store. 1 held — SKU RW-CAP is not on Substore B." */
export function summarise(counts: SyncCounts, held: SyncIssue[], failed: SyncIssue[], fatalError?: string | null): string {
  const toSub = counts.toSub.created + counts.toSub.updated;
  const toMain = counts.toMain.created + counts.toMain.updated;
  const parts: string[] = [];
  if (fatalError) parts.push(`The sync stopped: ${fatalError}.`);
  if (toSub + toMain === 0) {
    if (!fatalError && held.length === 0 && failed.length === 0) parts.push('Nothing new to sync — all orders are in sync.');
    else if (!fatalError) parts.push('No orders synced.');
  } else {
    const directions: string[] = [];
    if (toSub > 0) directions.push(`${toSub} to substores`);
    if (toMain > 0) directions.push(`${toMain} to the main store`);
    parts.push(`Synced ${plural(toSub + toMain, 'order')}: ${directions.join(', ')}.`);
  }
  if (held.length > 0) parts.push(`${held.length} held — ${issueText(held)}.`);
  if (failed.length > 0) parts.push(`${failed.length} failed — ${issueText(failed)}.`);
  return parts.join(' ');
}

/** Distinct reasons, the first two spelled out: "SKU RW-CAP is not on Substore B" for four orders held alike. */
function issueText(issues: SyncIssue[]): string {
  const reasons = [...new Set(issues.map((issue) => issue.reason.replace(/\.$/, '')))];
  const shown = reasons.slice(0, 2).join('; ');
  return reasons.length > 2 ? `${shown}; and ${reasons.length - 2} other reasons` : shown;
}
