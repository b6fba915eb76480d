import 'server-only';

import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { workspaces, type Workspace } from '@/db/schema';

export type WorkspaceSyncSettings = Pick<
  Workspace,
  'syncStartAt' | 'keepSubstoreCopiesUpdated' | 'customerEmailPolicy' | 'stockPolicy' | 'currencyMismatchPolicy' | 'addCopyNote'
>;

const settingsColumns = {
  syncStartAt: workspaces.syncStartAt,
  keepSubstoreCopiesUpdated: workspaces.keepSubstoreCopiesUpdated,
  customerEmailPolicy: workspaces.customerEmailPolicy,
  stockPolicy: workspaces.stockPolicy,
  currencyMismatchPolicy: workspaces.currencyMismatchPolicy,
  addCopyNote: workspaces.addCopyNote,
};

export async function getWorkspaceSyncSettings(db: Db, workspaceId: string): Promise<WorkspaceSyncSettings | null> {
  const [row] = await db.select(settingsColumns).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row ?? null;
}

export async function updateWorkspaceSyncSettings(
  db: Db,
  workspaceId: string,
  changes: Partial<WorkspaceSyncSettings>,
): Promise<WorkspaceSyncSettings | null> {
  const [row] = await db.update(workspaces).set(changes).where(eq(workspaces.id, workspaceId)).returning(settingsColumns);
  return row ?? null;
}

export async function getOnboardingStep(db: Db, workspaceId: string): Promise<string | null | undefined> {
  const [row] = await db.select({ step: workspaces.onboardingStep }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row ? row.step : undefined;
}

export async function setOnboardingStep(db: Db, workspaceId: string, step: string | null): Promise<void> {
  await db.update(workspaces).set({ onboardingStep: step }).where(eq(workspaces.id, workspaceId));
}
