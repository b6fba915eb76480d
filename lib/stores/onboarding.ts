import type { Db } from '@/db/client';
import { NotFoundError, UserFacingError } from '@/lib/errors';
import { listStores } from '@/lib/data/stores';
import { getOnboardingStep, setOnboardingStep } from '@/lib/data/workspace-settings';
import { updateWorkspace } from '@/lib/data/workspaces';

export const ONBOARDING_STEPS = ['workspace', 'main', 'substores', 'settings', 'preview'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export const ONBOARDING_STEP_LABELS: Record<OnboardingStep, string> = {
  workspace: 'Workspace',
  main: 'Main store',
  substores: 'Substores',
  settings: 'Sync settings',
  preview: 'Preview',
};

export function isOnboardingStep(value: unknown): value is OnboardingStep {
  return typeof value === 'string' && (ONBOARDING_STEPS as readonly string[]).includes(value);
}

/** Where the merchant is: a step, or null once onboarding is finished. Unknown values restart at the first step. */
export async function currentOnboardingStep(db: Db, workspaceId: string): Promise<OnboardingStep | null> {
  const step = await getOnboardingStep(db, workspaceId);
  if (step === undefined) throw new NotFoundError('That workspace');
  if (step === null) return null;
  return isOnboardingStep(step) ? step : 'workspace';
}

export async function saveWorkspaceName(db: Db, workspaceId: string, name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) throw new UserFacingError('Give the workspace a name, for example your business name.', 'invalid_name');
  if (trimmed.length > 80) throw new UserFacingError('Keep the workspace name under 80 characters.', 'invalid_name');
  await updateWorkspace(db, workspaceId, { name: trimmed });
  await moveOnboardingForward(db, workspaceId, 'main');
}

/** Moves to `to` if what it needs exists; never moves backwards (going back is only viewing). */
export async function moveOnboardingForward(db: Db, workspaceId: string, to: OnboardingStep | 'done'): Promise<void> {
  const stores = await listStores(db, workspaceId);
  const target = to === 'done' ? ONBOARDING_STEPS.length : ONBOARDING_STEPS.indexOf(to);
  if (target > ONBOARDING_STEPS.indexOf('main') && !stores.some((s) => s.role === 'main')) {
    throw new UserFacingError('Connect the main store first.', 'main_missing');
  }
  if (target > ONBOARDING_STEPS.indexOf('substores') && !stores.some((s) => s.role === 'sub')) {
    throw new UserFacingError('Connect at least one substore first.', 'substore_missing');
  }
  const current = await currentOnboardingStep(db, workspaceId);
  const currentIndex = current === null ? ONBOARDING_STEPS.length : ONBOARDING_STEPS.indexOf(current);
  if (target <= currentIndex) return;
  await setOnboardingStep(db, workspaceId, to === 'done' ? null : to);
}
