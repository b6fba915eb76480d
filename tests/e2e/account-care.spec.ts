import { rmSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { freePort } from '@/scripts/bench/next-server';
import { localServerEnv } from '@/tests/support/local-server-env';
import { startSmtpInbox, type SmtpInbox } from '@/tests/support/smtp-inbox';
import { PASSWORD, uniqueEmail } from './support/accounts';
import { spawnGroup, waitForHealth } from './support/processes';

/**
 * Account care as a merchant meets it, with every email received by a real SMTP server and every link followed
 * from the received message. The app runs as its own production server whose SMTP_URL points at that server.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let inbox: SmtpInbox;
let server: ReturnType<typeof spawnGroup>;
let baseUrl: string;
let ownPgliteDir: string | undefined;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  inbox = await startSmtpInbox();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const databaseUrl = process.env.DATABASE_URL ?? '';
  // PGlite allows one process per folder: this server gets a folder of its own next to the e2e run's.
  ownPgliteDir = databaseUrl.startsWith('postgres') ? undefined : `${process.env.PGLITE_DIR ?? '.data/e2e'}-mail`;
  const database = ownPgliteDir ? { PGLITE_DIR: ownPgliteDir } : { DATABASE_URL: databaseUrl };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...localServerEnv(baseUrl, database),
    SMTP_URL: inbox.url,
    MAIL_FROM: 'Orderbridge <no-reply@orderbridge.test>',
  };
  delete env.ORDERBRIDGE_ALLOW_MAIL_OUTBOX_IN_PRODUCTION;
  if (!database.DATABASE_URL) delete env.DATABASE_URL;
  server = spawnGroup('npm', ['start', '--', '-p', String(port), '-H', '127.0.0.1'], env);
  await waitForHealth(baseUrl, server.child, server.output, 120_000);
});

test.afterAll(async () => {
  await server?.stop();
  await inbox?.close();
  if (ownPgliteDir) rmSync(ownPgliteDir, { recursive: true, force: true });
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl });
  return context.newPage();
}

async function signUp(page: Page, email: string, name = 'Mail Merchant'): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/onboarding/);
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('forgot password: a reset link by email, a new password, and the session in the other browser is signed out', async ({ browser }) => {
  const email = uniqueEmail('forgot');
  const laptop = await newPage(browser);
  await signUp(laptop, email);
  await inbox.waitForMail(email, { subject: 'Confirm your email address' });

  const phone = await newPage(browser);
  await phone.goto('/sign-in');
  await phone.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(phone).toHaveURL(/\/forgot-password$/);
  await phone.getByLabel('Email').fill(email);
  await phone.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(phone.getByRole('status')).toContainText(`If an Orderbridge account uses ${email}, we have sent it a link`);

  const mail = await inbox.waitForMail(email, { subject: 'Reset your Orderbridge password' });
  const link = inbox.linkIn(mail, '/reset-password/');
  expect(link.startsWith(`${baseUrl}/reset-password/`)).toBe(true);
  await phone.goto(link);
  await phone.getByLabel('New password').first().fill('a brand new password');
  await phone.getByLabel('New password again').fill('a brand new password');
  await phone.getByRole('button', { name: 'Set new password' }).click();
  await expect(phone).toHaveURL(/\/sign-in\?notice=password-reset/);
  await expect(phone.getByRole('status')).toContainText('Your password was changed');

  await laptop.goto('/dashboard');
  await expect(laptop).toHaveURL(/\/sign-in\?callbackUrl=/);

  await signIn(phone, email, PASSWORD);
  await expect(phone.locator('form').getByRole('alert')).toHaveText('That email and password do not match an account.');
  await signIn(phone, email, 'a brand new password');
  await expect(phone).toHaveURL(/\/dashboard/);

  await phone.goto(link);
  await expect(phone.locator('main').getByRole('alert')).toContainText('This link no longer works');
});

test('the forgot-password page answers the same for an address with no account', async ({ browser }) => {
  const page = await newPage(browser);
  const email = uniqueEmail('nobody');
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByRole('status')).toContainText(`If an Orderbridge account uses ${email}, we have sent it a link`);
  await expect(inbox.waitForMail(email, { timeoutMs: 2_000 })).rejects.toThrow(/No email/);
});

test('sign up, then confirm the address from the received link: the banner goes away; "send again" sends a new link', async ({
  browser,
}) => {
  const email = uniqueEmail('verify');
  const page = await newPage(browser);
  await signUp(page, email);
  const banner = page.getByRole('region', { name: 'Email confirmation' });
  await expect(banner).toContainText(`we sent a link to ${email}`);
  const first = await inbox.waitForMail(email, { subject: 'Confirm your email address' });

  await banner.getByRole('button', { name: 'Send the link again' }).click();
  await expect(banner.getByRole('status')).toHaveText(`We sent a new link to ${email}.`);
  const second = await inbox.waitForMail(email, { subject: 'Confirm your email address' });
  expect(inbox.linkIn(second, '/verify-email/')).not.toBe(inbox.linkIn(first, '/verify-email/'));

  await page.goto(inbox.linkIn(second, '/verify-email/'));
  await expect(page.getByRole('status')).toContainText(`${email} is confirmed`);
  await page.getByRole('link', { name: 'Continue to Orderbridge' }).click();
  await expect(page).toHaveURL(/\/(dashboard|onboarding)/);
  await expect(page.getByRole('region', { name: 'Email confirmation' })).toHaveCount(0);
});

test('profile: name, password (other sessions end), email (confirmed again), then deleting the account', async ({ browser }) => {
  const email = uniqueEmail('profile');
  const page = await newPage(browser);
  await signUp(page, email);
  await page.goto(inbox.linkIn(await inbox.waitForMail(email, { subject: 'Confirm' }), '/verify-email/'));
  await expect(page.getByRole('status')).toContainText('is confirmed');
  const other = await newPage(browser);
  await other.goto('/sign-in');
  await signIn(other, email, PASSWORD);
  await expect(other).toHaveURL(/\/(dashboard|onboarding)/);

  await page.goto('/dashboard');
  await page.getByRole('link', { name: email }).click();
  await expect(page).toHaveURL(/\/account$/);

  const nameForm = page.getByRole('form', { name: 'Name' });
  await nameForm.getByLabel('Your name').fill('Renamed Merchant');
  await nameForm.getByRole('button', { name: 'Save name' }).click();
  await expect(nameForm.getByRole('status')).toHaveText('Your name was saved.');

  const passwordForm = page.getByRole('form', { name: 'Password' });
  await passwordForm.getByLabel('Current password').fill('not the password');
  await passwordForm.getByLabel('New password').first().fill('another long password');
  await passwordForm.getByLabel('New password again').fill('another long password');
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordForm.getByRole('alert')).toHaveText('Your current password is not right.');
  await passwordForm.getByLabel('Current password').fill(PASSWORD);
  await passwordForm.getByLabel('New password').first().fill('another long password');
  await passwordForm.getByLabel('New password again').fill('another long password');
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordForm.getByRole('status')).toContainText('Your password was changed');
  await other.goto('/dashboard');
  await expect(other).toHaveURL(/\/sign-in\?callbackUrl=/);

  const newEmail = uniqueEmail('profile-new');
  const emailForm = page.getByRole('form', { name: 'Email address' });
  await emailForm.getByLabel('New email address').fill(newEmail);
  await emailForm.getByLabel('Current password').fill('another long password');
  await emailForm.getByRole('button', { name: 'Change email address' }).click();
  await expect(emailForm.getByRole('status')).toContainText(`Your email address is now ${newEmail}`);
  expect((await inbox.waitForMail(email, { subject: 'email address was changed' })).text).toContain(newEmail);
  await page.goto('/account');
  await expect(page.getByRole('region', { name: 'Email confirmation' })).toContainText(newEmail);
  await expect(page.getByTestId('email-status')).toHaveText(`${newEmail} — not confirmed yet`);
  await page.goto(inbox.linkIn(await inbox.waitForMail(newEmail, { subject: 'Confirm' }), '/verify-email/'));
  await expect(page.getByRole('status')).toContainText(`${newEmail} is confirmed`);

  await page.goto('/account');
  await expect(page.getByTestId('email-status')).toHaveText(`${newEmail} — confirmed`);
  await expect(page.getByTestId('deletion-plan')).toContainText(
    "Mail Merchant's stores: 0 connected stores (their API keys are erased), 0 synced orders",
  );
  const deleteForm = page.getByRole('form', { name: 'Delete account' });
  await deleteForm.getByLabel('Current password').fill('another long password');
  await deleteForm.getByRole('button', { name: 'Delete my account' }).click();
  await expect(deleteForm.getByRole('alert')).toHaveText('Tick the box to confirm.');
  await deleteForm.getByRole('checkbox').check();
  await deleteForm.getByLabel('Current password').fill('another long password');
  await deleteForm.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=account-deleted/);
  await expect(page.getByRole('status')).toHaveText('Your account was deleted.');
  await signIn(page, newEmail, 'another long password');
  await expect(page.locator('form').getByRole('alert')).toHaveText('That email and password do not match an account.');
});
