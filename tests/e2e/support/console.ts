import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';
import type { SimulatedStore } from './simulator';

export type SimOrder = { id: number; number: string; status: string; meta_data: { key: string; value: unknown }[] };

/** The simulator's own control API (`/__sim/...`): what the merchant's stores hold, seen from outside. */
export const simAdmin = {
  async createOrder(store: SimulatedStore, body: Record<string, unknown>): Promise<SimOrder> {
    const response = await fetch(`${store.url}/__sim/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status, `creating an order on ${store.name}`).toBe(201);
    return (await response.json()) as SimOrder;
  },
  async updateOrder(store: SimulatedStore, id: number, body: Record<string, unknown>): Promise<SimOrder> {
    const response = await fetch(`${store.url}/__sim/orders/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as SimOrder;
  },
  /** The simulator's fault options for one store (latency, errors…); null clears them. */
  async faults(store: SimulatedStore, options: Record<string, unknown> | null): Promise<void> {
    const response = await fetch(
      `${store.url}/__sim/faults`,
      options ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options) } : { method: 'DELETE' },
    );
    expect(response.status).toBe(200);
  },
  async orders(store: SimulatedStore): Promise<SimOrder[]> {
    const response = await fetch(`${store.url}/__sim/orders`);
    return (await response.json()) as SimOrder[];
  },
};

export function metaOf(order: SimOrder, key: string): string | undefined {
  const value = order.meta_data.find((meta) => meta.key === key)?.value;
  return value === undefined ? undefined : String(value);
}

/** Copies on a store, as `<origin store id>:<origin order id>` → how many copies carry it. */
export async function copiesByOrigin(store: SimulatedStore): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const order of await simAdmin.orders(store)) {
    const origin = metaOf(order, '_orderbridge_origin');
    if (origin) counts.set(origin, (counts.get(origin) ?? 0) + 1);
  }
  return counts;
}

/** Connects a store through the Stores page, as a merchant would, and waits for the confirmation. */
export async function connectStore(page: Page, store: SimulatedStore, role: 'main' | 'sub', name: string): Promise<void> {
  await page.goto('/stores');
  const form = page.getByTestId(`connect-${role}-form`);
  await form.getByLabel('Store address').fill(store.url);
  await form.getByLabel('Consumer key').fill(store.readWrite.consumerKey);
  await form.getByLabel('Consumer secret').fill(store.readWrite.consumerSecret);
  await form.getByLabel('Name in Orderbridge (optional)').fill(name);
  await form.getByRole('button', { name: role === 'main' ? 'Check and connect main store' : 'Check and connect substore' }).click();
  // Once saved, the page lists the store (and offers the next form): its card names it and its address.
  await expect(page.locator('main').getByText(store.url, { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('main').getByText(name, { exact: true }).first()).toBeVisible();
}

const SCREENSHOT_DIR = path.join('artifacts', 'e2e-screenshots');

/** A full-page screenshot kept as a test artifact (attached to the report and saved under artifacts/). */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `console-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** Presses Tab until the focused element matches, as a keyboard-only merchant would; fails after `limit` presses. */
export async function tabUntil(
  page: Page,
  describe: string,
  matches: (element: { tag: string; text: string; label: string | null; testid: string | null }) => boolean,
  limit = 80,
): Promise<void> {
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return null;
      const labelled = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
      return {
        tag: element.tagName.toLowerCase(),
        text: (element.textContent ?? '').trim(),
        label: element.getAttribute('aria-label') ?? labelled ?? null,
        testid: element.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
      };
    });
    if (focused && matches(focused)) return;
  }
  throw new Error(`Tab never reached ${describe} within ${limit} presses`);
}
