import { expect, test } from '@playwright/test';
import { PASSWORD, signIn, signOut, signUp, uniqueEmail } from './support/accounts';

test.describe('accounts', () => {
  test('sign up lands in the app, sign out, sign in again', async ({ page }) => {
    const email = uniqueEmail('auth');
    await signUp(page, email);
    await expect(page.getByRole('link', { name: email })).toBeVisible();
    await signOut(page);
    await signIn(page, email);
    await expect(page).toHaveURL(/\/dashboard/);
    await expect(page.getByRole('link', { name: email })).toBeVisible();
  });

  test('a wrong password shows one generic message', async ({ page }) => {
    const email = uniqueEmail('wrongpw');
    await signUp(page, email);
    await signOut(page);
    await signIn(page, email, `${PASSWORD}!`);
    await expect(page.locator('form').getByRole('alert')).toHaveText('That email and password do not match an account.');
    await signIn(page, 'nobody-' + email, PASSWORD);
    await expect(page.locator('form').getByRole('alert')).toHaveText('That email and password do not match an account.');
  });

  test('a taken email is named clearly', async ({ page }) => {
    const email = uniqueEmail('taken');
    await signUp(page, email);
    await signOut(page);
    await page.goto('/sign-up');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.locator('form').getByRole('alert')).toHaveText('An account with this email already exists. Sign in instead.');
  });

  test('a protected URL redirects to sign-in and back after signing in', async ({ page }) => {
    const email = uniqueEmail('protected');
    await signUp(page, email);
    await signOut(page);
    await page.goto('/activity');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await signIn(page, email);
    await expect(page).toHaveURL(/\/activity$/);
  });
});

test('signing out right after a page loads stays signed out', async ({ page }) => {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const email = uniqueEmail(`quick-signout-${attempt}`);
    await signUp(page, email);
    await signOut(page);
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  }
});

test('a signed-in merchant opening sign-in or sign-up goes to the dashboard', async ({ page }) => {
  await signUp(page, uniqueEmail('already-in'));
  await page.goto('/sign-in');
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/sign-up');
  await expect(page).toHaveURL(/\/dashboard$/);
});

test('a session cookie that does not decrypt leads to sign-in and back, not into the app or a redirect loop', async ({
  page,
  context,
  baseURL,
}) => {
  const email = uniqueEmail('stale-cookie');
  await signUp(page, email);
  await context.addCookies([{ name: 'authjs.session-token', value: 'not-a-session', url: baseURL! }]);
  await page.goto('/orders?status=processing');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Forders%3Fstatus%3Dprocessing$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signIn(page, uniqueEmail('nobody'));
  await expect(page.locator('form').getByRole('alert')).toHaveText('That email and password do not match an account.');
  await signIn(page, email);
  await expect(page).toHaveURL(/\/orders\?status=processing$/);
});

test('a session cookie copied before signing out is refused afterwards', async ({ page, context }) => {
  const email = uniqueEmail('replayed-cookie');
  await signUp(page, email);
  const kept = (await context.cookies()).filter((cookie) => cookie.name.includes('session-token'));
  expect(kept).not.toHaveLength(0);
  await signOut(page);
  await context.addCookies(kept);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('"Sign out everywhere" in one browser ends the session of another', async ({ page, browser }) => {
  const email = uniqueEmail('everywhere');
  await signUp(page, email);
  const laptop = await browser.newContext();
  const other = await laptop.newPage();
  try {
    await other.goto('/sign-in');
    await signIn(other, email);
    await expect(other).toHaveURL(/\/dashboard/);

    await page.goto('/dashboard');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    await other.goto('/orders');
    await expect(other).toHaveURL(/\/sign-in\?callbackUrl=%2Forders$/);
    await signIn(other, email);
    await expect(other).toHaveURL(/\/orders$/);
  } finally {
    await laptop.close();
  }
});
