import { z } from 'zod';
import type { Db } from '@/db/client';
import { CURRENCY_MISMATCH_POLICIES, CUSTOMER_EMAIL_POLICIES, STOCK_POLICIES } from '@/db/schema';
import { NotFoundError, UserFacingError } from '@/lib/errors';
export { SYNC_SETTING_EXPLANATIONS } from './sync-setting-explanations';
import { getWorkspaceSyncSettings, updateWorkspaceSyncSettings, type WorkspaceSyncSettings } from '@/lib/data/workspace-settings';

const checkbox = z.union([z.boolean(), z.enum(['on', 'true', 'false', 'off'])]).transform((v) => v === true || v === 'on' || v === 'true');

/** Form fields arrive as strings; an unchecked checkbox is absent. */
export const syncSettingsInput = z.object({
  syncStartMode: z.enum(['connected', 'custom'], { message: 'Choose when syncing starts.' }),
  syncStartAt: z.string().optional(),
  keepSubstoreCopiesUpdated: checkbox.optional().default(false),
  customerEmailPolicy: z.enum(CUSTOMER_EMAIL_POLICIES, { message: 'Choose suppress or allow for customer emails.' }),
  stockPolicy: z.enum(STOCK_POLICIES, { message: 'Choose reduce or leave for stock.' }),
  currencyMismatchPolicy: z.enum(CURRENCY_MISMATCH_POLICIES, { message: 'Choose hold or allow for a currency mismatch.' }),
  addCopyNote: checkbox.optional().default(false),
});

export type SyncSettingsInput = z.input<typeof syncSettingsInput>;

function parseSyncStart(mode: 'connected' | 'custom', value: string | undefined): Date | null {
  if (mode === 'connected') return null;
  const text = value?.trim() ?? '';
  // datetime-local has no zone; the form labels it UTC.
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
  if (!text || Number.isNaN(date.getTime()))
    throw new UserFacingError('Enter the date and time syncing starts from (UTC).', 'invalid_sync_start');
  return date;
}

export async function readSyncSettings(db: Db, workspaceId: string): Promise<WorkspaceSyncSettings> {
  const settings = await getWorkspaceSyncSettings(db, workspaceId);
  if (!settings) throw new NotFoundError('That workspace');
  return settings;
}

export async function saveSyncSettings(
  db: Db,
  workspaceId: string,
  input: z.output<typeof syncSettingsInput>,
): Promise<WorkspaceSyncSettings> {
  const saved = await updateWorkspaceSyncSettings(db, workspaceId, {
    syncStartAt: parseSyncStart(input.syncStartMode, input.syncStartAt),
    keepSubstoreCopiesUpdated: input.keepSubstoreCopiesUpdated,
    customerEmailPolicy: input.customerEmailPolicy,
    stockPolicy: input.stockPolicy,
    currencyMismatchPolicy: input.currencyMismatchPolicy,
    addCopyNote: input.addCopyNote,
  });
  if (!saved) throw new NotFoundError('That workspace');
  return saved;
}
