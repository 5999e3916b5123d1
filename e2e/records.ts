/**
 * Helpers for the client-record specs: acting through the UI as the person at
 * the desk would, and making test photos.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, type Page } from '@playwright/test';
import { openNav } from './fixtures';

export interface NewClient {
  firstName: string;
  lastName: string;
  /** DD/MM/YYYY */
  dateOfBirth: string;
  preferredName?: string;
  mobile?: string;
  email?: string;
  postcode?: string;
  notes?: string;
}

/** Adds a client with the New client form and waits for their record to open. */
export async function addClientViaUi(page: Page, c: NewClient): Promise<void> {
  await openNav(page, 'Clients');
  await page.getByRole('button', { name: 'New client' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New client' })).toBeVisible();
  await page.getByLabel('First name').fill(c.firstName);
  await page.getByLabel('Last name').fill(c.lastName);
  if (c.preferredName) await page.getByLabel('Preferred name').fill(c.preferredName);
  await page.getByLabel('Date of birth').fill(c.dateOfBirth);
  if (c.mobile) await page.getByLabel('Mobile').fill(c.mobile);
  if (c.email) await page.getByLabel('Email').fill(c.email);
  if (c.postcode) await page.getByLabel('Postcode').fill(c.postcode);
  if (c.notes) await page.getByLabel('Notes', { exact: true }).fill(c.notes);
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${c.firstName} ${c.lastName}` })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
}

/** Today minus `years` (plus `days` more), as DD/MM/YYYY, in London. */
export function ukDateYearsAgo(years: number, days = 0): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate() - days));
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** A small JPEG, different enough per `variant` to tell before from after by eye. */
export async function makeJpeg(dir: string, name: string, variant: 'before' | 'after'): Promise<string> {
  const path = join(dir, name);
  const [bg, spot] = variant === 'before' ? ['#d9b7a4', '#a0522d'] : ['#e8cfc0', '#e8cfc0'];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360">
    <rect width="480" height="360" fill="${bg}"/>
    <ellipse cx="240" cy="180" rx="150" ry="120" fill="#f1d9cb" stroke="#c49a86" stroke-width="4"/>
    <circle cx="200" cy="160" r="14" fill="${spot}"/><circle cx="280" cy="170" r="10" fill="${spot}"/>
    <path d="M180 230 Q240 ${variant === 'before' ? 250 : 262} 300 230" stroke="#8b5a4a" stroke-width="6" fill="none"/>
  </svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(path);
  return path;
}
