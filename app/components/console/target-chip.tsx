import { chipStateOf, type ChipState } from '@/lib/console/labels';
import { wooAdminOrderUrl } from '@/lib/console/format';
import type { TargetChip as TargetChipData } from '@/lib/data/order-list';
import './console.css';

const CHIP_STYLES: Record<ChipState, string> = {
  synced: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  updating: 'bg-sky-50 text-sky-800 ring-sky-200',
  pending: 'bg-slate-100 text-slate-700 ring-slate-300',
  held: 'bg-amber-50 text-amber-900 ring-amber-300',
  failed: 'bg-rose-50 text-rose-800 ring-rose-300',
  retrying: 'bg-slate-100 text-slate-800 ring-slate-300',
};

function chipText(chip: TargetChipData, state: ChipState): string {
  const number = chip.targetNumber ?? (chip.targetRemoteId !== null ? String(chip.targetRemoteId) : null);
  switch (state) {
    case 'synced':
      return number ? `#${number} on ${chip.storeName}` : `Synced to ${chip.storeName}`;
    case 'updating':
      return `${number ? `#${number}` : 'Copy'} on ${chip.storeName} · update waiting`;
    case 'pending':
      return `Pending for ${chip.storeName}`;
    case 'held':
      return `Held for ${chip.storeName}`;
    case 'failed':
      return `Failed for ${chip.storeName}`;
    case 'retrying':
      return `Retrying for ${chip.storeName}`;
  }
}

function tooltipText(chip: TargetChipData, state: ChipState): string {
  if (state === 'held' || state === 'failed') return chip.lastError ?? 'No reason was recorded. Sync the order again to see the store’s answer.';
  if (state === 'retrying') return `${chip.lastError ?? 'The store did not answer.'} It is tried again on the next sync.`;
  if (state === 'pending') return 'Waiting for the next sync. Sync Now sends it at once.';
  if (state === 'updating') return 'The original changed since it was copied; the copy is updated on the next sync.';
  return `Open order #${chip.targetNumber ?? chip.targetRemoteId} in ${chip.storeName}’s WooCommerce admin (new tab)`;
}

/**
 * One target of an order. The reason (or destination) shows on hover and on keyboard focus; screen
 * readers get it as the chip's description.
 */
export function TargetChip({ chip }: { chip: TargetChipData }) {
  const tooltipId = `target-tip-${chip.linkId}`;
  const state = chipStateOf(chip.state, chip.needsUpdate, chip.retryScheduled);
  const className = `ob-chip ${CHIP_STYLES[state]}`;
  const text = chipText(chip, state);
  const link = chip.targetRemoteId !== null && (state === 'synced' || state === 'updating') ? wooAdminOrderUrl(chip.storeUrl, chip.targetRemoteId) : null;
  return (
    <span className="group relative inline-flex max-w-full" data-testid="target-chip" data-state={state}>
      {link ? (
        <a href={link} target="_blank" rel="noreferrer" aria-describedby={tooltipId} className={`${className} hover:underline`}>
          {text}
        </a>
      ) : (
        <span tabIndex={0} aria-describedby={tooltipId} className={`${className} cursor-help`}>
          {text}
        </span>
      )}
      <span
        role="tooltip"
        id={tooltipId}
        className="ob-chip-tip"
      >
        {tooltipText(chip, state)}
      </span>
    </span>
  );
}
