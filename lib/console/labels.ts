import type { LinkState, SyncTrigger } from '../../db/schema';

const TRIGGER_LABELS: Record<SyncTrigger, { short: string; sentence: string }> = {
  schedule: { short: 'Schedule', sentence: 'The scheduled sync' },
  sync_now: { short: 'Sync Now', sentence: 'A Sync Now run' },
  sync_order: { short: 'Sync Order', sentence: 'A Sync Order run' },
  webhook: { short: 'Webhook', sentence: 'A sync started by a store webhook' },
  cli: { short: 'Command line', sentence: 'A sync started from the command line' },
};

export function describeTrigger(trigger: SyncTrigger, form: 'short' | 'sentence' = 'short'): string {
  return TRIGGER_LABELS[trigger]?.[form] ?? trigger;
}

export type ChipState = 'synced' | 'pending' | 'held' | 'failed' | 'updating';

export function chipStateOf(state: LinkState, needsUpdate: boolean): ChipState {
  if (state === 'synced') return needsUpdate ? 'updating' : 'synced';
  if (state === 'creating') return 'pending';
  return state;
}
