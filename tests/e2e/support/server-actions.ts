import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

type Manifest = { node: Record<string, { filename?: string; exportedName?: string }> };

/** A server action's id in the production build: what a browser sends in `Next-Action`, found without any page handing it out. */
export function serverActionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join('.next', 'server', 'server-reference-manifest.json'), 'utf8')) as Manifest;
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.exportedName === exportedName && entry.filename?.replace(/\\/g, '/').endsWith(file),
  );
  expect(found, `server action ${exportedName} of ${file} in the build`).toBeTruthy();
  return found![0];
}

/**
 * Calls a server action as a crafted request from this browser (its cookies, its origin), the way a person who
 * skipped the UI would: arguments in React's wire format; the answer is the RSC payload as text.
 */
export async function callServerAction(
  page: Page,
  pagePath: string,
  actionId: string,
  args: unknown[],
): Promise<{ status: number; body: string }> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`${origin}${pagePath}`, {
    headers: { 'Next-Action': actionId, Accept: 'text/x-component', 'Content-Type': 'text/plain;charset=UTF-8', Origin: origin },
    data: JSON.stringify(args.map((arg) => (arg === undefined ? '$undefined' : arg))),
  });
  return { status: response.status(), body: await response.text() };
}
