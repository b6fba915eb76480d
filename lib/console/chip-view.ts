import type { TargetChip } from '@/lib/data/order-list';
import { wooAdminOrderUrl } from './format';
import { chipStateOf, type ChipState } from './labels';

/**
 * What a target chip shows. Worked out on the server, so a page of orders carries each chip's words and
 * link rather than the link's whole record.
 */
export type ChipView = { state: ChipState; text: string; tip: string; href: string | null };

/** The copy's order number on its store, or its id where the number is not known. */
function copyNumberOf(chip: TargetChip): string | null {
  return chip.targetNumber ?? (chip.targetRemoteId !== null ? String(chip.targetRemoteId) : null);
}

function chipText(chip: TargetChip, state: ChipState): string {
  const number = copyNumberOf(chip);
  switch (state) {
    case 'synced': {
      const text = number ? `#${number} on ${chip.storeName}` : `Synced to ${chip.storeName}`;
      return chip.changedAfterCopy ? `${text} · changed after copying` : text;
    }
    case 'updating':
      return `${number ? `#${number}` : 'Copy'} on ${chip.storeName} · update waiting`;
    case 'pending':
      return `Pending for ${chip.storeName}`;
    case 'held':
      return chip.refundHeld ? `${number ? `#${number}` : 'Copy'} on ${chip.storeName} · refund held` : `Held for ${chip.storeName}`;
    case 'failed':
      return `Failed for ${chip.storeName}`;
    case 'retrying':
      return `Retrying for ${chip.storeName}`;
  }
}

function tipText(chip: TargetChip, state: ChipState): string {
  if ((state === 'held' && !chip.refundHeld) || state === 'failed')
    return chip.lastError ?? 'No reason was recorded. Sync the order again to see the store’s answer.';
  if (state === 'retrying') return `${chip.lastError ?? 'The store did not answer.'} It is tried again on the next sync.`;
  if (state === 'pending') return 'Waiting for the next sync. Sync Now sends it at once.';
  if (state === 'updating') return 'The original changed since it was copied; the copy is updated on the next sync.';
  const open = `Open order #${copyNumberOf(chip)} in ${chip.storeName}’s WooCommerce admin (new tab)`;
  // A copy can carry a note: lines changed after it was fulfilled, a refund it could not take.
  const notes = [
    chip.changedAfterCopy ? `Changed after copying: ${chip.changedAfterCopy}. The copy was left as it is, for you to decide.` : null,
    chip.refundHeld ? chip.lastError : null,
  ].filter(Boolean);
  return notes.length > 0 ? `${notes.join(' ')} ${open}` : open;
}

export function chipView(chip: TargetChip): ChipView {
  const state = chipStateOf(chip.state, chip.needsUpdate, chip.retryScheduled, chip.refundHeld);
  const href =
    chip.targetRemoteId !== null && (state === 'synced' || state === 'updating' || chip.refundHeld)
      ? wooAdminOrderUrl(chip.storeUrl, chip.targetRemoteId)
      : null;
  return { state, text: chipText(chip, state), tip: tipText(chip, state), href };
}
