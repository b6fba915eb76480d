import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '@/lib/accounts/sign-up';
import { encryptNewStoreCredentials } from '@/lib/crypto/store-credentials';
import { insertStore } from '@/lib/data/stores';
import { getWorkspace } from '@/lib/data/workspaces';
import { currentOnboardingStep, moveOnboardingForward, saveWorkspaceName } from '@/lib/stores';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let database: TestDatabase;
let workspaceId: string;
const keys = () => encryptNewStoreCredentials({ consumerKey: `ck_${'1'.repeat(40)}`, consumerSecret: `cs_${'2'.repeat(40)}` });

beforeAll(async () => {
  database = await createTestDatabase();
  workspaceId = (await signUp(database.db, { email: 'onboard@example.test', password: 'long enough password' })).workspace.id;
});
afterAll(async () => database?.drop());

describe('onboarding progress', () => {
  it('starts at the workspace step and keeps each step reached', async () => {
    expect(await currentOnboardingStep(database.db, workspaceId)).toBe('workspace');
    await expect(saveWorkspaceName(database.db, workspaceId, '   ')).rejects.toThrow(/Give the workspace a name/);
    await saveWorkspaceName(database.db, workspaceId, '  Ridgeway Outfitters ');
    expect((await getWorkspace(database.db, workspaceId))?.name).toBe('Ridgeway Outfitters');
    expect(await currentOnboardingStep(database.db, workspaceId)).toBe('main');
  });

  it('needs a main store before substores, and a substore before settings', async () => {
    await expect(moveOnboardingForward(database.db, workspaceId, 'substores')).rejects.toThrow('Connect the main store first.');
    await insertStore(database.db, workspaceId, { role: 'main', name: 'Main', url: 'http://main.example', ...keys() });
    await moveOnboardingForward(database.db, workspaceId, 'substores');
    await expect(moveOnboardingForward(database.db, workspaceId, 'settings')).rejects.toThrow('Connect at least one substore first.');
    await insertStore(database.db, workspaceId, { role: 'sub', name: 'Sub', url: 'http://sub.example', ...keys() });
    await moveOnboardingForward(database.db, workspaceId, 'settings');
    expect(await currentOnboardingStep(database.db, workspaceId)).toBe('settings');
  });

  it('never moves backwards, and finishing clears the step', async () => {
    await moveOnboardingForward(database.db, workspaceId, 'main');
    expect(await currentOnboardingStep(database.db, workspaceId)).toBe('settings');
    await moveOnboardingForward(database.db, workspaceId, 'done');
    expect(await currentOnboardingStep(database.db, workspaceId)).toBeNull();
    expect((await getWorkspace(database.db, workspaceId))?.onboardingStep).toBeNull();
  });
});
