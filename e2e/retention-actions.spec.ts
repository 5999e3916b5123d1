/**
 * Issue #13 items 4-6 and 8 at 1366×768: a record is open when a retention
 * batch destroys its client (as from the Retention page on another screen);
 * the record's next call closes it with a clear message. The Destruction log
 * lists the batch; its certificate downloads as a PDF that pdftotext reads
 * (references, no names); the client search finds none of them. A batch
 * stopped part-way is offered for resuming, with its progress, and finishes.
 */
import { execFileSync } from 'node:child_process';
import { axeViolations } from './axe';
import { callFromPage, expect, openNav, OWNER_PASSWORD, signIn, test, type AppHandle } from './fixtures';

test.beforeEach(async ({ vault }) => {
  test.setTimeout(120_000);
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});


async function ok<T>(app: AppHandle, method: string, input?: unknown): Promise<T> {
  const r = (await callFromPage(app, method, input)) as { ok: boolean; value: T };
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  return r.value;
}

/** A client last treated in 2013: the clinical record's ten years have passed. */
async function dueClient(app: AppHandle, firstName: string, lastName: string, dateOfBirth: string): Promise<string> {
  const c = await ok<{ id: string }>(app, 'clients.create', { firstName, lastName, dateOfBirth, email: `${firstName.toLowerCase()}@example.com` });
  await ok(app, 'treatments.create', {
    clientId: c.id,
    treatedOn: '2013-05-14',
    typeId: 'tt_toxin',
    areas: ['Forehead'],
    product: 'Azzalure',
    batchNumber: 'AB1234',
    batchExpiry: '2014-06-30',
    amount: 20,
    amountUnit: 'units',
    medicalHistoryReviewed: true,
  });
  return c.id;
}

test('a destroyed batch: the open record closes, the log has its certificate, search finds none', async ({ openApp }) => {
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  const ids = [
    await dueClient(app, 'Idris', 'Vandermolen', '1961-02-03'),
    await dueClient(app, 'Zofia', 'Vandermolen', '1970-08-21'),
    await dueClient(app, 'Kwame', 'Oyelaran', '1958-11-30'),
  ];

  await openNav(page, 'Clients');
  const search = page.getByRole('combobox', { name: 'Find a client' });
  await search.fill('Vandermolen');
  await expect(page.getByRole('listbox', { name: 'Clients' }).getByRole('option')).toHaveCount(2);
  await page.getByRole('listbox', { name: 'Clients' }).getByRole('option').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /Vandermolen/ })).toBeVisible();

  // The batch runs elsewhere (the Retention page on another screen).
  const batch = await ok<{ status: string; done: number; certificateId: string }>(app, 'retention.destroy', {
    items: ids.map((clientId) => ({ clientId, category: 'clinical' })),
    confirm: 'DESTROY',
  });
  expect(batch).toMatchObject({ status: 'done', done: 3 });

  // The open record's next call closes it, saying why.
  await page.getByRole('tab', { name: 'Treatments' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record closed' })).toBeVisible();
  await expect(page.getByTestId('record-destroyed')).toContainText('This client’s record is no longer held: it was destroyed on');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/retention-record-closed-1366.png' });

  // The destruction log: the batch, and its certificate as a PDF.
  await openNav(page, 'Destruction log');
  const log = page.getByTestId('destruction-log');
  await expect(log.getByRole('row')).toHaveCount(2);
  await expect(log).toContainText('Destroyed');
  await expect(log).toContainText('3 of 3');
  await expect(log).toContainText('Sarah Jones');
  await expect(log).toContainText('Finished');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/retention-destruction-log-1366.png' });
  const [download] = await Promise.all([page.waitForEvent('download'), log.getByRole('button', { name: /Download PDF/ }).click()]);
  expect(download.suggestedFilename()).toBe(`destruction-certificate-${batch.certificateId}.pdf`);
  const text = execFileSync('pdftotext', [await download.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Certificate of destruction');
  expect(text).toContain('Carried out by Sarah Jones');
  expect(text).toContain('Clients destroyed 3');
  for (const id of ids) expect(text).toContain(id);
  for (const name of ['Vandermolen', 'Oyelaran', 'Idris', 'Zofia', 'Kwame']) expect(text).not.toContain(name);
  expect(text).toContain('restoring any backup destroys these clients again');

  // Search finds none of them.
  await openNav(page, 'Clients');
  for (const query of ['Vandermolen', 'Oyelaran', 'kwame@example.com']) {
    await search.fill(query);
    await expect(page.getByText(/^No clients match/)).toBeVisible();
  }
});

/** Starts a destroy batch through the browser host and stops it once a client is done (as Cancel does). */
async function destroyAndStop(app: AppHandle, items: unknown): Promise<{ status: string; done: number; pending: number }> {
  return app.page.evaluate(
    async ([input, token]) => {
      const headers = { 'Content-Type': 'application/json', 'X-Clinic-Token': token as string };
      const callId = 'e2e_stop_1';
      const call = fetch('/api/call', { method: 'POST', headers: { ...headers, 'X-Call-Id': callId }, body: JSON.stringify({ method: 'retention.destroy', input }) });
      for (;;) {
        const p = (await (await fetch(`/api/progress?callId=${callId}`, { headers })).json()) as { progress: { done: number } | null };
        if ((p.progress?.done ?? 0) >= 1) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await fetch('/api/cancel', { method: 'POST', headers, body: JSON.stringify({ callId }) });
      const r = (await (await call).json()) as { ok: boolean; value: { status: string; done: number; pending: number } };
      return r.value;
    },
    [{ items, confirm: 'DESTROY' }, app.token] as const,
  );
}

test('a batch stopped part-way: the log offers Resume, shows progress, and it finishes with its certificate', async ({ openApp }) => {
  const app = await openApp();
  test.skip(app.mode !== 'browser', 'stops the call through the browser host');
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) ids.push(await dueClient(app, `Person${String.fromCharCode(65 + i)}`, `Pemberton-Ashe`, `19${60 + i}-03-0${(i % 9) + 1}`));
  const stopped = await destroyAndStop(app, ids.map((clientId) => ({ clientId, category: 'clinical' })));
  expect(stopped.status).toBe('stopped');
  expect(stopped.pending).toBeGreaterThan(0);

  await openNav(page, 'Destruction log');
  const notice = page.getByRole('status').filter({ hasText: 'A batch did not finish' });
  await expect(notice).toContainText(`stopped after ${stopped.done}`);
  await expect(page.getByTestId('destruction-log')).toContainText('Stopped (resume to finish)');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/retention-resume-1366.png' });
  await notice.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('batch-result')).toHaveText('12 of 12 clients destroyed.');
  await expect(page.getByTestId('destruction-log')).toContainText('Finished');
  await expect(page.getByTestId('destruction-log')).toContainText('12 of 12');
  await expect(page.getByRole('status').filter({ hasText: 'A batch did not finish' })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/retention-resumed-1366.png' });
});
