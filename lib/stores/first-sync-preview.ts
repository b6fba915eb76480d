import type { Db } from '@/db/client';
import { createGuardedAgents } from '@/lib/net';
import { RATE_LIMITS, runExclusive } from '@/lib/rate-limits';
import { previewWorkspace, type SyncPreview } from '@/lib/sync/preview';

/**
 * The onboarding preview reads up to 2,000 orders from every store: it runs when the merchant asks for it,
 * and only one at a time per workspace (a second request is told one is running).
 */
export async function previewFirstSync(db: Db, workspaceId: string): Promise<SyncPreview> {
  return runExclusive(db, RATE_LIMITS.onboardingPreviewRunning, workspaceId, () =>
    previewWorkspace(db, workspaceId, createGuardedAgents()),
  );
}
