import { readFile, writeFile } from 'node:fs/promises';
import { expect, openNav, OWNER_PASSWORD, signIn, snapshot, test } from './fixtures';
import { addClientViaUi, makeJpeg } from './records';

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

const posOf = (stage: import('@playwright/test').Locator) =>
  stage.evaluate((el) => getComputedStyle(el).getPropertyValue('--pos').trim());

test('before and after photos are imported, a bad file is reported on its own, and the two are compared', async ({
  openApp,
}, testInfo) => {
  const before = await makeJpeg(testInfo.outputPath(), 'forehead-before.jpg', 'before');
  const after = await makeJpeg(testInfo.outputPath(), 'forehead-after.jpg', 'after');
  const notAPhoto = testInfo.outputPath('consent-notes.jpg');
  await writeFile(notAPhoto, 'This is a text file with a .jpg name, not a photo.\n');

  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Olivia', lastName: 'Bennett', dateOfBirth: '12/12/1990' });
  await page.getByRole('tab', { name: 'Photos' }).click();
  await expect(
    page.getByText('No photos yet. Drag photos onto the box above, or use Choose photos.'),
  ).toBeVisible();

  await page.getByTestId('photo-file-input').setInputFiles([before, after, notAPhoto]);
  const files = page.getByRole('list', { name: 'Photos to import' });
  await expect(files.getByRole('listitem')).toHaveCount(3);
  await page.getByLabel('Area photographed').fill('Forehead');
  const rowBefore = files.getByRole('listitem', { name: 'forehead-before.jpg' });
  const rowAfter = files.getByRole('listitem', { name: 'forehead-after.jpg' });
  await rowBefore.getByLabel('Stage').selectOption('before');
  await rowBefore.getByLabel('Taken on').fill('01/03/2026');
  await rowAfter.getByLabel('Stage').selectOption('after');
  await rowAfter.getByLabel('Taken on').fill('15/03/2026');
  await page.getByRole('checkbox', { name: 'Training' }).check();
  await snapshot(page, 'photos-import');
  await page.getByRole('button', { name: 'Import 3 photos' }).click();

  await expect(page.getByText('2 photos imported.')).toBeVisible();
  // The file that is not a photo stays, with its reason; the others went in.
  const bad = files.getByRole('listitem', { name: 'consent-notes.jpg' });
  await expect(bad).toContainText('That file is not a photo Clinic Vault can read.');
  await expect(files.getByRole('listitem')).toHaveCount(1);
  await snapshot(page, 'photos-import-error');
  await bad.getByRole('button', { name: 'Remove consent-notes.jpg' }).click();
  await expect(files).toHaveCount(0);

  const group = page.getByRole('region', { name: 'Forehead photos' });
  await expect(group.getByRole('img')).toHaveCount(2);
  await expect(group.getByRole('img', { name: 'Forehead, before, 01/03/2026' })).toBeVisible();
  await expect(group.getByRole('img', { name: 'Forehead, after, 15/03/2026' })).toBeVisible();
  await expect(group).toContainText('Clinical record · Training');
  await snapshot(page, 'photos');

  // The before/after viewer: the slider moves the dividing line.
  await group.getByRole('button', { name: 'Compare before and after: Forehead' }).click();
  const viewer = page.getByRole('dialog', { name: 'Compare: Forehead' });
  await expect(viewer.getByLabel('Left (before)')).toHaveValue(/.+/);
  await expect(viewer.getByRole('img', { name: 'Forehead, before, 01/03/2026' })).toBeVisible();
  await expect(viewer.getByRole('img', { name: 'Forehead, after, 15/03/2026' })).toBeVisible();
  const stage = viewer.getByTestId('compare-stage');
  expect(await posOf(stage)).toBe('50%');
  const slider = viewer.getByRole('slider', { name: 'Divider between the two photos' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => posOf(stage)).toBe('0%');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => posOf(stage)).toBe('5%');
  const box = (await slider.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height / 2);
  const moved = Number.parseFloat(await posOf(stage));
  expect(moved).toBeGreaterThan(60);
  expect(moved).toBeLessThan(80);
  await snapshot(page, 'photos-compare-slider');

  // Zoom with the buttons and the mouse wheel.
  await viewer.getByRole('button', { name: 'Zoom in' }).click();
  await expect(viewer.getByTestId('zoom-level')).toHaveText('125%');
  const stageBox = (await stage.boundingBox())!;
  await page.mouse.move(stageBox.x + stageBox.width / 2, stageBox.y + stageBox.height / 2);
  await page.mouse.wheel(0, -100);
  await expect(viewer.getByTestId('zoom-level')).toHaveText('156%');
  await viewer.getByRole('button', { name: 'Fit' }).click();
  await expect(viewer.getByTestId('zoom-level')).toHaveText('100%');

  await viewer.getByRole('button', { name: 'Side by side' }).click();
  await expect(viewer.getByText('Forehead, before, 01/03/2026', { exact: true })).toBeVisible();
  await expect(viewer.getByText('Forehead, after, 15/03/2026', { exact: true })).toBeVisible();
  await snapshot(page, 'photos-compare-side-by-side');
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toBeHidden();
});

test('photos dragged onto the page are queued for import', async ({ openApp }, testInfo) => {
  const jpeg = await makeJpeg(testInfo.outputPath(), 'cheek.jpg', 'before');
  const bytes = (await readFile(jpeg)).toString('base64');
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Ruth', lastName: 'Ellis', dateOfBirth: '01/06/1970' });
  await page.getByRole('tab', { name: 'Photos' }).click();

  const zone = page.getByTestId('photo-drop-zone');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([raw], 'cheek-left.jpg', { type: 'image/jpeg' }));
    dt.items.add(new File([raw], 'cheek-right.jpg', { type: 'image/jpeg' }));
    return dt;
  }, bytes);
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await expect(zone).toHaveClass(/drop-zone--over/);
  await zone.dispatchEvent('drop', { dataTransfer });
  const files = page.getByRole('list', { name: 'Photos to import' });
  await expect(files.getByRole('listitem')).toHaveCount(2);
  await page.getByLabel('Area photographed').fill('Cheeks');
  await page.getByRole('button', { name: 'Import 2 photos' }).click();
  await expect(page.getByText('2 photos imported.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Cheeks photos' }).getByRole('img')).toHaveCount(2);
});

test('a file over the clinic’s size limit is refused on its own, before it is read', async ({
  openApp,
}, testInfo) => {
  const small = await makeJpeg(testInfo.outputPath(), 'lips-before.jpg', 'before');
  const big = testInfo.outputPath('lips-huge.jpg');
  await writeFile(big, Buffer.alloc(1_600_000, 7));

  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openNav(page, 'Settings');
  await page.getByLabel('Largest photo or document, in MB').fill('1');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();

  await addClientViaUi(page, { firstName: 'Amara', lastName: 'Obi', dateOfBirth: '04/04/1994' });
  await page.getByRole('tab', { name: 'Photos' }).click();
  await page.getByTestId('photo-file-input').setInputFiles([big, small]);
  await page.getByLabel('Area photographed').fill('Lips');
  await page.getByRole('button', { name: 'Import 2 photos' }).click();
  await expect(page.getByText('1 photo imported.')).toBeVisible();
  const files = page.getByRole('list', { name: 'Photos to import' });
  await expect(files.getByRole('listitem', { name: 'lips-huge.jpg' })).toContainText(
    'That file is larger than the limit set in Settings. Choose a smaller file.',
  );
  await expect(page.getByRole('region', { name: 'Lips photos' }).getByRole('img')).toHaveCount(1);
});
