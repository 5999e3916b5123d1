/**
 * axe-core over the screens staff use most and the ones the trust work added
 * (the key-change offer when removing staff, the vault check's result, the
 * Reception setting), at 1366×768. A violation of WCAG 2.1 A/AA fails the test
 * and names the rule and the element, so it is fixed rather than hidden.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openNav, OWNER_PASSWORD, signIn, test } from './fixtures';

async function expectNoViolations(page: Page, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  await vault.addStaff({ owner: 'sarah', username: 'rachel', displayName: 'Rachel Reed', role: 'reception' });
});

test('sign-in, home, staff with the key-change offer, vault check and settings have no axe violations', async ({ openApp }) => {
  // Six pages, each with a full axe run and the vault check: more than the default 30 s on a loaded 2-core machine.
  test.slow();
  const { page } = await openApp();
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(page.getByLabel('Username')).toBeVisible();
  await expectNoViolations(page);

  await signIn(page, 'sarah', OWNER_PASSWORD);
  await expectNoViolations(page);

  await openNav(page, 'Staff');
  await page.getByRole('button', { name: 'Remove Rachel Reed' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove Rachel Reed?' });
  await expect(confirm.getByRole('checkbox', { name: /Also change the database key/ })).toBeChecked();
  await expectNoViolations(page, 'dialog');
  await confirm.getByRole('button', { name: 'Cancel' }).click();

  await openNav(page, 'Vault check');
  await page.getByRole('button', { name: 'Run vault check' }).click();
  await expect(page.getByText(/No problems found|Problems found/).first()).toBeVisible({ timeout: 30_000 });
  await expectNoViolations(page);

  await openNav(page, 'Settings');
  await expect(page.getByRole('checkbox', { name: /reception/i }).first()).toBeVisible();
  await expectNoViolations(page);

  await openNav(page, 'Clients');
  await expectNoViolations(page);
});
