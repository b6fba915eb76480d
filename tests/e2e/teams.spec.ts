import { expect, test, type Browser, type Page } from '@playwright/test';
import { PASSWORD, signUp, uniqueEmail } from './support/accounts';
import { connectStore, simAdmin } from './support/console';
import { e2eSmtpPort } from './support/mail';
import { callServerAction, serverActionId } from './support/server-actions';
import { startSimulatorProcess, type RunningSimulator } from './support/simulator';
import { startSmtpInbox, type SmtpInbox } from '@/tests/support/smtp-inbox';

const SIM_PORT = Number(process.env.E2E_TEAMS_SIM_PORT ?? 8396);
const REFUSED = 'Your role in this workspace does not allow that. Ask an owner or admin.';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let sim: RunningSimulator;
let inbox: SmtpInbox;
let ownerEmail: string;
let workspaceName: string;
let mainOrderNumber: string;
let storeId: string;

test.beforeAll(async () => {
  inbox = await startSmtpInbox({ port: e2eSmtpPort() });
  sim = await startSimulatorProcess({ port: SIM_PORT, stores: 2 });
});
test.afterAll(async () => {
  await sim?.stop();
  await inbox?.close();
});

/** Signs up and confirms the address from the email received over SMTP, as a new owner would. */
async function signUpVerified(page: Page, email: string): Promise<void> {
  await signUp(page, email);
  const mail = await inbox.waitForMail(email, { subject: 'Confirm your email address' });
  await page.goto(inbox.linkIn(mail, '/verify-email/'));
  await expect(page.getByRole('heading', { name: 'Email address confirmed' })).toBeVisible();
}

async function invite(page: Page, email: string, role: 'Member' | 'Admin'): Promise<string> {
  await page.goto('/members');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: role });
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText('Invitation sent.')).toBeVisible();
  await expect(page.locator(`[data-testid="invitation-row"][data-email="${email}"]`)).toBeVisible();
  const mail = await inbox.waitForMail(email, { subject: `Join ${workspaceName} on Orderbridge` });
  expect(mail.text).toContain(`as ${role.toLowerCase()}`);
  return inbox.linkIn(mail, '/invite/');
}

/** A second person, in a browser of their own: follows the link, creates an account on the way, confirms its address, and joins. */
async function acceptAsNewPerson(browser: Browser, link: string, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Finvite%2F/);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Your name').fill('Invited Teammate');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/invite\//);
  // The link alone is not enough: the invitee confirms the address from the email sent at sign-up, then opens it again.
  await expect(page.getByRole('heading', { name: `Confirm your address to join ${workspaceName}` })).toBeVisible();
  await expect(page.getByRole('button', { name: `Join ${workspaceName}` })).toHaveCount(0);
  const confirmation = await inbox.waitForMail(email, { subject: 'Confirm your email address' });
  await page.goto(inbox.linkIn(confirmation, '/verify-email/'));
  await expect(page.getByRole('heading', { name: 'Email address confirmed' })).toBeVisible();
  await page.goto(link);
  await page.getByRole('button', { name: `Join ${workspaceName}` }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId('workspace-name')).toHaveText(workspaceName);
  return page;
}

test('an owner invites a member, who joins from a second browser, sees orders and runs Sync Now, but has no store controls and is refused by the server', async ({
  page,
  browser,
}) => {
  const [main, sub] = sim.stores;
  ownerEmail = uniqueEmail('team-owner');
  await signUpVerified(page, ownerEmail);
  await page.goto('/dashboard');
  workspaceName = (await page.getByTestId('workspace-name').textContent())!.trim();
  await connectStore(page, main, 'main', 'Team Main');
  await connectStore(page, sub, 'sub', 'Team Sub');
  storeId = (await page.locator('[data-testid="store-card"]').first().getAttribute('aria-labelledby'))!.replace(/^store-/, '');
  await page.waitForTimeout(1_100);
  mainOrderNumber = (
    await simAdmin.createOrder(main, {
      line_items: [{ sku: 'RW-MUG', quantity: 1 }],
      billing: { first_name: 'Ada', email: 'ada@example.test' },
    })
  ).number;

  const memberEmail = uniqueEmail('team-member');
  const link = await invite(page, memberEmail, 'Member');
  const member = await acceptAsNewPerson(browser, link, memberEmail);

  // The UI offers a member nothing about stores.
  const nav = member.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Orders' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Stores' })).toHaveCount(0);
  await expect(member.getByRole('link', { name: 'Manage stores' })).toHaveCount(0);
  await member.goto('/stores');
  await expect(member.getByTestId('not-allowed')).toContainText('you cannot manage stores');
  await expect(member.getByTestId('store-card')).toHaveCount(0);

  // Sync Now, and the order arrives in the list.
  await member.goto('/orders');
  await member.getByRole('button', { name: 'Sync Now' }).click();
  await expect(member.getByTestId('sync-now-answer')).toHaveText(/Sync started/);
  await expect(async () => {
    await member.goto('/orders');
    await expect(member.locator(`[data-testid="order-row"][data-store="Team Main"][data-order-number="${mainOrderNumber}"]`)).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });
  await member.goto('/activity');
  await expect(member.getByTestId('run-row').first()).toBeVisible();

  // Crafted requests to the store actions, with the member's own session: refused by the server, nothing changes.
  await member.goto('/orders');
  for (const [name, input] of [
    ['setStorePausedAction', { storeId, paused: 'true' }],
    ['removeStoreAction', { storeId, confirm: 'remove' }],
    ['replaceStoreKeysAction', { storeId, consumerKey: `ck_${'9'.repeat(40)}`, consumerSecret: `cs_${'9'.repeat(40)}` }],
  ] as const) {
    const answer = await callServerAction(member, '/stores', serverActionId('app/(app)/stores/actions.ts', name), [undefined, input]);
    expect(answer.status, name).toBe(200);
    expect(answer.body, name).toContain(REFUSED);
  }
  await page.goto('/stores');
  await expect(page.getByTestId('store-card')).toHaveCount(2);
  await expect(page.getByText('Paused', { exact: true })).toHaveCount(0);

  // The owner sees the member on the members page; the invitation is gone from the pending list.
  await page.goto('/members');
  await expect(page.locator(`[data-testid="member-row"][data-email="${memberEmail}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="invitation-row"][data-email="${memberEmail}"]`)).toHaveCount(0);
  await member.context().close();
});

test('an admin cannot remove the last owner, and the last owner cannot step down', async ({ page, browser }) => {
  test.skip(!ownerEmail, 'needs the first test');
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(ownerEmail);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  // The owner's id, as their own role menu's form carries it.
  await page.goto('/members');
  const ownerId = (await page
    .locator(`[data-testid="member-row"][data-email="${ownerEmail}"] input[name="userId"]`)
    .getAttribute('value'))!;
  const adminEmail = uniqueEmail('team-admin');
  const admin = await acceptAsNewPerson(browser, await invite(page, adminEmail, 'Admin'), adminEmail);
  await admin.goto('/members');
  const ownerRow = admin.locator(`[data-testid="member-row"][data-email="${ownerEmail}"]`);
  await expect(ownerRow.getByTestId('member-role')).toHaveText('Owner');
  await expect(ownerRow.getByRole('button', { name: /Remove/ })).toHaveCount(0);
  await expect(admin.getByRole('button', { name: 'Send invitation' })).toHaveCount(0);
  // An admin does manage stores.
  await expect(admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stores' })).toBeVisible();

  for (const [name, input] of [
    ['removeMemberAction', { userId: ownerId }],
    ['changeMemberRoleAction', { userId: ownerId, role: 'member' }],
  ] as const) {
    const answer = await callServerAction(admin, '/members', serverActionId('app/(app)/members/actions.ts', name), [undefined, input]);
    expect(answer.body, name).toContain(REFUSED);
  }
  await admin.context().close();

  // The owner is still there, and as the only owner cannot step down.
  await page.goto('/members');
  const self = page.locator(`[data-testid="member-row"][data-email="${ownerEmail}"]`);
  await self.getByLabel(`Role of ${ownerEmail}`).selectOption('admin');
  await self.getByRole('button', { name: 'Save role' }).click();
  await expect(self.getByRole('alert')).toHaveText(
    'A workspace always keeps at least one owner. Make someone else an owner first, or delete the workspace.',
  );
  await page.reload();
  await expect(self.getByLabel(`Role of ${ownerEmail}`)).toHaveValue('owner');
});

test("switching workspaces shows only that workspace's data", async ({ page }) => {
  test.skip(!ownerEmail, 'needs the first test');
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(ownerEmail);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  await page.getByRole('link', { name: 'New workspace' }).click();
  await page.getByLabel('Workspace name').fill('Second Brand');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page).toHaveURL(/\/onboarding\?step=main/);
  await expect(page.getByTestId('workspace-name')).toHaveText('Second Brand');

  await page.goto('/orders');
  await expect(page.getByText('Connect your stores to see orders here')).toBeVisible();
  await expect(page.getByTestId('order-row')).toHaveCount(0);
  await page.goto('/members');
  await expect(page.getByTestId('member-row')).toHaveCount(1);

  // The choice is remembered in this browser: a new page load stays in Second Brand.
  await page.goto('/dashboard');
  await expect(page.getByTestId('workspace-name')).toHaveText('Second Brand');

  await page.getByLabel('Workspace').selectOption({ label: `${workspaceName} (owner)` });
  await expect(page.getByTestId('workspace-name')).toHaveText(workspaceName);
  await page.goto('/orders');
  await expect(page.locator(`[data-testid="order-row"][data-store="Team Main"][data-order-number="${mainOrderNumber}"]`)).toBeVisible();
  await page.goto('/members');
  await expect(page.getByTestId('member-row')).toHaveCount(3);
});
