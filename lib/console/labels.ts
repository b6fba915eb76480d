import type { LinkState, SyncTrigger } from '@/db/schema';

const TRIGGER_LABELS: Record<SyncTrigger, { short: string; sentence: string; running: string }> = {
  schedule: { short: 'Schedule', sentence: 'The scheduled sync', running: 'Scheduled sync running' },
  sync_now: { short: 'Sync Now', sentence: 'A Sync Now run', running: 'Sync Now running' },
  sync_order: { short: 'Sync Order', sentence: 'A Sync Order run', running: 'Sync Order running' },
  webhook: { short: 'Webhook', sentence: 'A sync started by a store webhook', running: 'Webhook sync running' },
  cli: { short: 'Command line', sentence: 'A sync started from the command line', running: 'Command-line sync running' },
};

export function describeTrigger(trigger: SyncTrigger, form: 'short' | 'sentence' | 'running' = 'short'): string {
  return TRIGGER_LABELS[trigger]?.[form] ?? trigger;
}

export type ChipState = 'synced' | 'pending' | 'held' | 'failed' | 'updating' | 'retrying';

export function chipStateOf(state: LinkState, needsUpdate: boolean, retryScheduled = false, refundHeld = false): ChipState {
  if (state === 'synced') return needsUpdate ? 'updating' : refundHeld ? 'held' : 'synced';
  if (state === 'creating') return 'pending';
  if (state === 'failed' && retryScheduled) return 'retrying';
  return state;
}
