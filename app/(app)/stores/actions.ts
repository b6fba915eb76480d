'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { STORE_ROLES } from '@/db/schema';
import { liveAnswer } from '@/lib/actions/live-action';
import { workspaceAction } from '@/lib/actions/workspace-action';
import type { LogContext } from '@/lib/log';
import { requestAddress } from '@/lib/auth/request-address';
import { createGuardedAgents } from '@/lib/net';
import {
  connectStore,
  describeStoreRemoval,
  moveOnboardingForward,
  recheckStore,
  removeStore,
  replaceStoreKeys,
  saveSyncSettings,
  setStorePaused,
  setSubstoreDirections,
  syncSettingsInput,
  type CheckedStore,
  type CheckStepResult,
  type StoreServiceOptions,
} from '@/lib/stores';
import { webhookSetupFromEnv } from '@/lib/webhooks/registration';

const STORES = { permission: 'stores.manage' } as const;
const SETTINGS = { permission: 'settings.manage' } as const;
const storeId = z.string({ message: 'Choose a store.' }).min(1, 'Choose a store.');
const flag = z.enum(['true', 'false'], { message: 'Choose on or off.' }).transform((v) => v === 'true');
const credentials = {
  consumerKey: z.string({ message: 'Enter the consumer key (it starts with ck_).' }),
  consumerSecret: z.string({ message: 'Enter the consumer secret (it starts with cs_).' }),
};

function serviceOptions(requesterAddress: string, onStep?: (step: CheckStepResult) => void): StoreServiceOptions {
  return { check: { agents: createGuardedAgents(), timeoutMs: 15_000, onStep }, requesterAddress, webhooks: webhookSetupFromEnv() };
}

/**
 * The three actions that run the live connection check answer at once and stream each step as it ends
 * (`liveAnswer`), so the checklist ticks while the store answers; the form refreshes the page when the
 * outcome arrives, since by then this action's response has been sent.
 */
const checkingLive = async (run: (options: StoreServiceOptions) => Promise<CheckedStore>, context: LogContext) => {
  const requesterAddress = await requestAddress();
  return liveAnswer<CheckStepResult, CheckedStore>((onStep) => run(serviceOptions(requesterAddress, onStep)), context);
};

function refreshStorePages() {
  revalidatePath('/stores');
  revalidatePath('/onboarding');
  revalidatePath('/dashboard');
}

export const connectStoreAction = workspaceAction(
  z.object({
    role: z.enum(STORE_ROLES, { message: 'Choose main store or substore.' }),
    url: z.string({ message: 'Enter the store address.' }),
    name: z.string().max(120, 'Keep the store name under 120 characters.').optional(),
    ...credentials,
  }),
  async (input, { db, workspace }) =>
    checkingLive((options) => connectStore(db, workspace.id, input, options), { workspaceId: workspace.id }),
  STORES,
);

export const recheckStoreAction = workspaceAction(
  z.object({ storeId }),
  async ({ storeId }, { db, workspace }) =>
    checkingLive((options) => recheckStore(db, workspace.id, storeId, options), { workspaceId: workspace.id, storeId }),
  STORES,
);

export const replaceStoreKeysAction = workspaceAction(
  z.object({ storeId, ...credentials }),
  async ({ storeId, ...keys }, { db, workspace }) =>
    checkingLive((options) => replaceStoreKeys(db, workspace.id, storeId, keys, options), { workspaceId: workspace.id, storeId }),
  STORES,
);

export const setStorePausedAction = workspaceAction(
  z.object({ storeId, paused: flag }),
  async ({ storeId, paused }, { db, workspace }) => {
    const store = await setStorePaused(db, workspace.id, storeId, paused);
    refreshStorePages();
    return store;
  },
  STORES,
);

export const setSubstoreDirectionAction = workspaceAction(
  z.object({ storeId, direction: z.enum(['receivesMainOrders', 'sendsOrdersToMain']), enabled: flag }),
  async ({ storeId, direction, enabled }, { db, workspace }) => {
    const store = await setSubstoreDirections(db, workspace.id, storeId, { [direction]: enabled });
    refreshStorePages();
    return store;
  },
  STORES,
);

/** What removing a store deletes, counted when the merchant opens the removal dialog rather than on every page load. */
export const describeStoreRemovalAction = workspaceAction(
  z.object({ storeId }),
  ({ storeId }, { db, workspace }) => describeStoreRemoval(db, workspace.id, storeId),
  STORES,
);

export const removeStoreAction = workspaceAction(
  z.object({ storeId, confirm: z.literal('remove', { message: 'Confirm the removal first.' }) }),
  async ({ storeId }, { db, workspace }) => {
    await removeStore(db, workspace.id, storeId);
    refreshStorePages();
    return { removed: storeId };
  },
  STORES,
);

export const saveSyncSettingsAction = workspaceAction(
  syncSettingsInput.extend({ continueTo: z.literal('preview').optional() }),
  async ({ continueTo, ...input }, { db, workspace }) => {
    const settings = await saveSyncSettings(db, workspace.id, input);
    refreshStorePages();
    if (continueTo) {
      await moveOnboardingForward(db, workspace.id, continueTo);
      redirect(`/onboarding?step=${continueTo}`);
    }
    return settings;
  },
  SETTINGS,
);
