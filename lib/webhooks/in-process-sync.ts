import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { runStartedSince } from '@/lib/data/sync-runs';
import { logError } from '@/lib/log';
import { runSlicesToEnd } from '@/lib/sync/run-slice';
import { processSingleton } from '@/lib/utils/process-singleton';
import { Coalescer, type CoalescedOutcome, type CoalescerOptions } from './coalescer';
import type { WebhookSyncStarter } from './receive-delivery';

export const IN_PROCESS_WEBHOOK_COALESCING: CoalescerOptions = { debounceMs: 1_000, busyRetryMs: 2_000, maxBusyRetries: 150 };
const SLICE_BUDGET_MS = 60_000;

/** One per process. */
export function webhookCoalescer(): Coalescer {
  return processSingleton('orderbridgeWebhookCoalescer', () => new Coalescer(IN_PROCESS_WEBHOOK_COALESCING));
}

/** A webhook-triggered run in this process; skipped when a run that started after the webhook already covers it. */
export async function runWebhookSync(db: Db, workspaceId: string, receivedAt: Date): Promise<CoalescedOutcome> {
  if (await runStartedSince(db, workspaceId, receivedAt)) return 'covered';
  const result = await runSlicesToEnd(db, workspaceId, { trigger: 'webhook', runId: randomUUID(), budgetMs: SLICE_BUDGET_MS });
  return result.status === 'already_running' ? 'busy' : 'done';
}

/** Without Inngest: deliveries start runs in this process, bursts collapsed per workspace. */
export function inProcessWebhookStarter(db: Db, coalescer: Coalescer = webhookCoalescer()): WebhookSyncStarter {
  return async ({ workspaceId, receivedAt }) => {
    coalescer.request(workspaceId, () =>
      runWebhookSync(db, workspaceId, receivedAt).catch((error: unknown) => {
        logError('Webhook sync failed', error, { workspaceId });
        return 'done' as const;
      }),
    );
  };
}
