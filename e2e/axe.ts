/** axe over the page (or part of it), WCAG 2.1 A and AA: one rule set for every spec's accessibility check. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Each violation as "rule: help (targets)", so a failing expect(...).toEqual([]) says what and where. */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const { violations } = await (include ? builder.include(include) : builder).analyze();
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
