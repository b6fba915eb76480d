import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signUp } from '@/lib/accounts/sign-up';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { asCookie, authRoute, postSignIn, postSignOut } from './support/auth-endpoint';

/** The cookies of the browser the server code is answering; pages and actions read them through next/headers. */
const browser = vi.hoisted(() => ({ cookies: [] as Array<{ name: string; value: string }> }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    getAll: () => browser.cookies,
    get: (name: string) => browser.cookies.find((cookie) => cookie.name === name),
    has: (name: string) => browser.cookies.some((cookie) => cookie.name === name),
    set: () => undefined,
    delete: () => undefined,
  }),
  headers: async () => new Headers({ cookie: browser.cookies.map(({ name, value }) => `${name}=${value}`).join('; ') }),
}));

const PASSWORD = 'session owner password';
let database: TestDatabase;
let route: Awaited<ReturnType<typeof authRoute>>;
beforeAll(async () => {
  database = await createTestDatabase();
  route = await authRoute(database);
});
afterAll(async () => database?.drop());

/** Signs in as a fresh browser and returns its session cookie. */
async function signedInBrowser(email: string): Promise<{ name: string; value: string }> {
  const answer = await postSignIn(route, email, PASSWORD);
  if (!answer.sessionCookie) throw new Error(`could not sign in as ${email}: ${answer.location}`);
  return asCookie(answer.sessionCookie);
}

/** What a page or action makes of a request carrying `cookie`: the signed-in workspace, or null. */
async function workspaceSeenWith(cookie: { name: string; value: string }) {
  const { resolveWorkspaceContext } = await import('@/lib/auth/workspace-context');
  browser.cookies = [cookie];
  return resolveWorkspaceContext();
}

describe('a session token kept after its session ended', () => {
  it('replays a session cookie copied before the browser signed out: refused', async () => {
    const email = 'signed-out@example.test';
    const { workspace } = await signUp(database.db, { email, password: PASSWORD });
    const cookie = await signedInBrowser(email);
    expect((await workspaceSeenWith(cookie))?.workspace.id).toBe(workspace.id);
    await postSignOut(route, `${cookie.name}=${cookie.value}`);
    expect(await workspaceSeenWith(cookie)).toBeNull();
  });

  it('uses browser A after "sign out everywhere" was pressed in browser B: refused, and B is out too', async () => {
    const email = 'everywhere@example.test';
    const { workspace } = await signUp(database.db, { email, password: PASSWORD });
    const browserA = await signedInBrowser(email);
    const browserB = await signedInBrowser(email);
    expect((await workspaceSeenWith(browserA))?.workspace.id).toBe(workspace.id);
    expect((await workspaceSeenWith(browserB))?.workspace.id).toBe(workspace.id);

    const { signOutEverywhereAction } = await import('@/app/(auth)/actions');
    browser.cookies = [browserB];
    await expect(signOutEverywhereAction()).rejects.toThrow('NEXT_REDIRECT');

    expect(await workspaceSeenWith(browserA)).toBeNull();
    expect(await workspaceSeenWith(browserB)).toBeNull();
  });

  it('uses an old browser after the password was changed in another: refused, the changing browser stays in', async () => {
    const email = 'changed-password@example.test';
    const { user, workspace } = await signUp(database.db, { email, password: PASSWORD });
    const stolen = await signedInBrowser(email);
    const owner = await signedInBrowser(email);
    const ownerContext = await workspaceSeenWith(owner);
    const { changePassword } = await import('@/lib/accounts/change-password');
    await changePassword(database.db, user.id, ownerContext!.user.sessionId, PASSWORD, 'a brand new password');
    expect(await workspaceSeenWith(stolen)).toBeNull();
    expect((await workspaceSeenWith(owner))?.workspace.id).toBe(workspace.id);
  });
});
