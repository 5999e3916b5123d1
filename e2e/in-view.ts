/** Helpers for the "messages in view" specs: what the person sees in the window, not the whole page. */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
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
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .include(include)
    .analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}
