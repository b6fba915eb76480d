'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { ONBOARDING_STEPS, moveOnboardingForward, previewFirstSync, saveWorkspaceName } from '@/lib/stores';

const ONBOARDING = { permission: 'onboarding.manage' } as const;

export const saveWorkspaceNameAction = workspaceAction(
  z.object({ name: z.string({ message: 'Give the workspace a name.' }) }),
  async ({ name }, { db, workspace }) => {
    await saveWorkspaceName(db, workspace.id, name);
    revalidatePath('/', 'layout');
    redirect('/onboarding?step=main');
  },
  ONBOARDING,
);

export const continueOnboardingAction = workspaceAction(
  z.object({ to: z.enum([...ONBOARDING_STEPS, 'done'], { message: 'Unknown onboarding step.' }) }),
  async ({ to }, { db, workspace }) => {
    await moveOnboardingForward(db, workspace.id, to);
    revalidatePath('/', 'layout');
    redirect(to === 'done' ? '/dashboard' : `/onboarding?step=${to}`);
  },
  ONBOARDING,
);

/** Reads the stores to count what the first sync would do: only when asked, one run at a time per workspace. */
export const previewFirstSyncAction = workspaceAction(
  z.object({}),
  async (_input, { db, workspace }) => previewFirstSync(db, workspace.id),
  ONBOARDING,
);
