import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { stores } from '@/db/schema';
import { signUp } from '@/lib/accounts/sign-up';
import { encryptNewStoreCredentials } from '@/lib/crypto/store-credentials';
import { findStore, insertStore } from '@/lib/data/stores';
import type { ActionState } from '@/lib/actions/action-state';
import type { LiveAnswer } from '@/lib/actions/live-action';
import type { WorkspaceContext } from '@/lib/auth/workspace-context';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// The actions resolve user → membership → workspace from the session; here the session is workspace B's owner.
const session: { context: WorkspaceContext | null } = { context: null };
vi.mock('@/lib/auth/workspace-context', () => ({ resolveWorkspaceContext: async () => session.context }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/auth/request-address', () => ({ requestAddress: async () => '203.0.113.9' }));

const actions = await import('@/app/(app)/stores/actions');

let database: TestDatabase;
let storeOfA: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const a = await signUp(database.db, { email: 'iso-a@example.test', password: 'long enough password' });
  const b = await signUp(database.db, { email: 'iso-b@example.test', password: 'long enough password' });
  const store = await insertStore(database.db, a.workspace.id, {
    role: 'sub',
    name: 'A substore',
    url: 'http://a-sub.example',
    ...encryptNewStoreCredentials({ consumerKey: `ck_${'1'.repeat(40)}`, consumerSecret: `cs_${'2'.repeat(40)}` }),
  });
  storeOfA = store.id;
  session.context = {
    db: database.db,
    user: { id: b.user.id, email: b.user.email, name: null, sessionId: 'session-of-b', emailVerifiedAt: null },
    workspace: b.workspace,
    role: 'owner',
  };
});
afterAll(async () => database?.drop());

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};

describe('store actions across workspaces', () => {
  const keys = { consumerKey: `ck_${'3'.repeat(40)}`, consumerSecret: `cs_${'4'.repeat(40)}` };
  it.each([
    ['re-check', () => actions.recheckStoreAction(undefined, form({ storeId: storeOfA }))],
    ['replace keys', () => actions.replaceStoreKeysAction(undefined, form({ storeId: storeOfA, ...keys }))],
    ['pause', () => actions.setStorePausedAction(undefined, form({ storeId: storeOfA, paused: 'true' }))],
    [
      'substore switch',
      () => actions.setSubstoreDirectionAction(undefined, form({ storeId: storeOfA, direction: 'sendsOrdersToMain', enabled: 'false' })),
    ],
    ['remove', () => actions.removeStoreAction(undefined, form({ storeId: storeOfA, confirm: 'remove' }))],
  ])("%s on workspace A's store answers not found to workspace B", async (_name, run) => {
    const state = await finalAnswer(await run());
    expect(state).toEqual({ ok: false, error: 'That store was not found.' });
    const untouched = await findStore(database.db, await workspaceOfStoreA(), storeOfA);
    expect(untouched).toMatchObject({ paused: false, sendsOrdersToMain: true, consumerKeyLast4: '1111' });
  });

  it('a member (not admin) cannot change stores at all', async () => {
    const owner = session.context!;
    session.context = { ...owner, role: 'member' };
    try {
      const state = await actions.setStorePausedAction(undefined, form({ storeId: storeOfA, paused: 'true' }));
      expect(state).toMatchObject({ ok: false, error: expect.stringMatching(/role/) });
    } finally {
      session.context = owner;
    }
  });

  it('signed out, nothing runs', async () => {
    const owner = session.context;
    session.context = null;
    try {
      expect(await actions.removeStoreAction(undefined, form({ storeId: storeOfA, confirm: 'remove' }))).toEqual({
        ok: false,
        error: 'Your session has ended. Sign in again.',
      });
    } finally {
      session.context = owner;
    }
  });
});

/**
 * What the merchant is finally told. The actions that run the connection check answer live (steps, then the
 * outcome); for a store of another workspace no step may run, since no request may reach that store.
 */
async function finalAnswer(state: ActionState<unknown>): Promise<ActionState<unknown>> {
  if (!state?.ok || !state.data || typeof state.data !== 'object' || !('outcome' in state.data)) return state;
  const live = state.data as LiveAnswer<unknown, unknown>;
  const steps: unknown[] = [];
  for await (const step of live.steps) steps.push(step);
  expect(steps).toEqual([]);
  return live.outcome;
}

async function workspaceOfStoreA(): Promise<string> {
  const [row] = await database.db.select({ workspaceId: stores.workspaceId }).from(stores).where(eq(stores.id, storeOfA));
  return row.workspaceId;
}
