/** Helpers for the "messages in view" specs: what the person sees in the window, not the whole page. */
import { join } from 'node:path';
import { axeViolations } from './axe';
import { expect, type Locator, type Page } from '@playwright/test';
import { ARTIFACTS, ELECTRON } from './fixtures';

/** The window as the person sees it (not the full page), kept in e2e-artifacts/. */
export async function inViewShot(page: Page, name: string): Promise<void> {
  const suffix = ELECTRON ? '-electron' : '';
  await page.screenshot({ path: join(ARTIFACTS, `${name}${suffix}.png`), animations: 'disabled' });
}

/** The confirmation toast, read from the live region a screen reader announces. */
export function toast(page: Page): Locator {
  return page
    .getByRole('status')
    .filter({ has: page.getByTestId('toast') })
    .getByTestId('toast');
}

/** The toast says `text` and is wholly inside the window. */
export async function expectToastInView(page: Page, text: string | RegExp): Promise<void> {
  await expect(toast(page)).toContainText(text);
  await expect(toast(page)).toBeInViewport({ ratio: 1 });
}

/** No WCAG 2.1 A/AA violation inside `include` (as e2e/accessibility.spec.ts checks whole screens). */
export async function expectNoAxeViolations(page: Page, include: string): Promise<void> {
  expect(await axeViolations(page, include)).toEqual([]);
}
