/**
 * End-to-end fixtures: every test gets a fresh vault in its own temp folder and
 * a page showing the app.
 *
 * Browser mode (default): the loopback browser host (src-main/host/, never
 * packaged, so it may use the cheap key derivation) runs on the vault inside the
 * Playwright worker, started as `npm run dev:web` starts it (startDevHost, with the
 * built core worker), and Chromium opens its URL.
 * Electron mode (CLINIC_E2E_ELECTRON=1): the built desktop app runs on the vault
 * and its first window is the page. It starts from out/main/e2e-fast-kdf.js, the
 * same app with cheap key derivation, built only for e2e (global-setup.ts) and
 * never packaged; the shipped entry out/main/index.js has no test switch.
 * The same specs run in both.
 *
 * Vaults are prepared with the CLI run inside the Playwright worker
 * (src-main/test-support/cli-in-process.ts): the shipped commands with cheap key
 * derivation, their output and exit codes checked as a spawned run's would be.
 *
 * A test that needs a vault prepared beforehand (a clinic, extra staff) uses the
 * `vault` fixture's CLI helpers (awaited) and then `openApp()`; the host and the app take
 * an exclusive lock on the folder, so preparation must come first. Tests that
 * need nothing prepared just use `page`.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  _electron,
  expect,
  test as base,
  type BrowserContext,
  type ElectronApplication,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { type DevHost, startDevHost } from '../src-main/host/dev-host';
import { runCliInProcess } from '../src-main/test-support/cli-in-process';
import { utf8Env } from './utf8-env';

export { expect };

export const ELECTRON = process.env.CLINIC_E2E_ELECTRON === '1';
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
export const ARTIFACTS = join(ROOT, 'e2e-artifacts');
/** The desktop app with cheap key derivation (src-main/test-support/electron-fast-kdf-main.ts). */
const ELECTRON_E2E_ENTRY = 'out/main/e2e-fast-kdf.js';

/** Passwords used across the specs (all at least 12 characters). */
export const OWNER_PASSWORD = 'correct horse battery';
export const STAFF_PASSWORD = 'reception desk 2026';

export interface AppHandle {
  page: Page;
  mode: 'browser' | 'electron';
  /** The browser host's per-run token (browser mode only). */
  token: string | null;
  /** The URL the page was opened at, token included (browser mode only). */
  url: string | null;
}

export interface OpenAppOptions {
  /** Install Playwright's fake clock before the app starts its timers (for auto-lock tests). */
  clock?: boolean;
}

export interface Vault {
  dir: string;
  /** `clinic-vault init`: creates the clinic and its owner. Resolves to the recovery key. */
  init(opts: { clinicName: string; owner: string; ownerName?: string; password?: string }): Promise<{
    recoveryKey: string;
  }>;
  /** `clinic-vault staff add`, signed in as the owner. */
  addStaff(opts: {
    owner: string;
    ownerPassword?: string;
    username: string;
    displayName: string;
    role: 'owner' | 'practitioner' | 'reception';
    password?: string;
  }): Promise<void>;
}

interface Fixtures {
  vault: Vault;
  openApp: (opts?: OpenAppOptions) => Promise<AppHandle>;
  app: AppHandle;
}

// ---- The CLI, for preparing a vault before the app opens it ------------------------

/**
 * `clinic-vault <args> --json` inside this Playwright worker (runCliInProcess: the
 * shipped program with cheap key derivation, its stdout, stderr and exit code).
 * A spawned `node --import tsx` CLI cost one to three seconds per command before it
 * did anything, several times per test; in-process the program is loaded once per
 * worker and a command takes milliseconds. A non-zero exit fails the test with the
 * CLI's own message, as the spawned run did.
 */
async function runCli(args: string[], env: Record<string, string>): Promise<unknown> {
  const result = await runCliInProcess([...args, '--json'], { env });
  if (result.code !== 0) {
    throw new Error(
      `clinic-vault ${args.slice(0, 2).join(' ')} failed (${result.code}): ${result.stderr || result.stdout}`,
    );
  }
  const out = result.stdout.trim();
  return out ? (JSON.parse(out) as unknown) : null;
}

/** The CLI commands still running on each test's vault. */
const preparingOf = new WeakMap<Vault, Set<Promise<unknown>>>();

/** The host and the app lock the vault folder: a command not awaited would race them, so say so plainly. */
function refuseIfPreparing(vault: Vault): void {
  if ((preparingOf.get(vault)?.size ?? 0) > 0) {
    throw new Error('openApp() was called while a vault.init/addStaff was still running: await it first.');
  }
}

function makeVault(dir: string, preparing: Set<Promise<unknown>>): Vault {
  // Each command is tracked until it settles, so openApp can refuse to start on a vault still being prepared.
  const track = <T>(run: Promise<T>): Promise<T> => {
    preparing.add(run);
    const settled = () => preparing.delete(run);
    run.then(settled, settled);
    return run;
  };
  return {
    dir,
    init({ clinicName, owner, ownerName, password = OWNER_PASSWORD }) {
      const args = ['init', '--vault', dir, '--clinic-name', clinicName, '--owner', owner];
      if (ownerName) args.push('--owner-name', ownerName);
      return track(
        runCli(args, { CLINIC_VAULT_PASSWORD: password }).then((out) => ({
          recoveryKey: (out as { recoveryKey: string }).recoveryKey,
        })),
      );
    },
    addStaff({
      owner,
      ownerPassword = OWNER_PASSWORD,
      username,
      displayName,
      role,
      password = STAFF_PASSWORD,
    }) {
      return track(
        runCli(
          [
            'staff',
            'add',
            '--vault',
            dir,
            '--user',
            owner,
            '--username',
            username,
            '--display-name',
            displayName,
            '--role',
            role,
          ],
          { CLINIC_VAULT_PASSWORD: ownerPassword, CLINIC_VAULT_NEW_PASSWORD: password },
        ).then(() => undefined),
      );
    },
  };
}

// ---- The browser host ------------------------------------------------------------------

/**
 * The app's own core worker, as electron-vite built it (global-setup.ts builds first
 * unless told the build is fresh). From source under tsx the worker took about a
 * second longer to load on every test.
 */
const BUILT_CORE_WORKER = join(ROOT, 'out', 'main', 'core-worker.js');

interface Host {
  host: DevHost;
  /** What the host and its worker logged, for the message when something fails. */
  log: string[];
}

/**
 * The browser host on the test's vault, started inside this Playwright worker the way
 * `npm run dev:web -- --test-fast-kdf` starts it (startDevHost): its core worker
 * thread opens the vault and holds the folder's lock; the HTTP server is the host's.
 * A child process per test cost another node start and the host's imports under tsx.
 */
async function startHost(vaultDir: string): Promise<Host> {
  if (!existsSync(BUILT_CORE_WORKER)) {
    throw new Error(`${BUILT_CORE_WORKER} is missing: build with npx electron-vite build (or let global-setup build).`);
  }
  const log: string[] = [];
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    log.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  const logger = { info: line('info'), warn: line('warn'), error: line('error') };
  try {
    const host = await startDevHost({
      vaultDir,
      port: 0,
      rendererDir: join(ROOT, 'out', 'renderer'),
      kdfCost: 'test',
      logger,
      entry: BUILT_CORE_WORKER,
      say: (text) => log.push(text),
    });
    return { host, log };
  } catch (err) {
    throw new Error(
      `The browser host did not start: ${err instanceof Error ? err.message : String(err)}\n${log.join('\n')}`,
      { cause: err },
    );
  }
}

// ---- Watching the page for problems -----------------------------------------------------

/** CSP violations and uncaught errors fail the test: the renderer must run under its strict policy. */
function watchPage(page: Page, problems: string[]): void {
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Refused to|violates the following Content Security Policy/i.test(text))
      problems.push(`CSP: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`Uncaught error: ${err.message}`));
}

async function attachFinalScreenshot(page: Page, testInfo: TestInfo): Promise<void> {
  try {
    await testInfo.attach('final-screen', { body: await page.screenshot(), contentType: 'image/png' });
  } catch {
    // The window may already be gone.
  }
}

// ---- Fixtures ----------------------------------------------------------------------------------

type OpenAppFixture = (
  args: { vault: Vault; context: BrowserContext },
  use: (open: (opts?: OpenAppOptions) => Promise<AppHandle>) => Promise<void>,
  testInfo: TestInfo,
) => Promise<void>;

const openInBrowser: OpenAppFixture = async ({ vault, context }, use) => {
  let host: Host | null = null;
  let opened: Page | null = null;
  let handle: AppHandle | null = null;
  const problems: string[] = [];
  await use(async (opts = {}) => {
    if (handle) return handle;
    refuseIfPreparing(vault);
    host = await startHost(vault.dir);
    const page = (opened = await context.newPage());
    watchPage(page, problems);
    if (opts.clock) await page.clock.install();
    await page.goto(host.host.url);
    handle = { page, mode: 'browser', token: host.host.token, url: host.host.url };
    return handle;
  });
  if (host) {
    // The page goes first, so no request of its own is still open when the host stops serving.
    if (opened) await (opened as Page).close();
    await (host as Host).host.close();
  }
  expect(problems, 'the page logged CSP violations or uncaught errors').toEqual([]);
};

type ElectronOpenAppFixture = (
  args: { vault: Vault },
  use: (open: (opts?: OpenAppOptions) => Promise<AppHandle>) => Promise<void>,
  testInfo: TestInfo,
) => Promise<void>;

const openInElectron: ElectronOpenAppFixture = async ({ vault }, use, testInfo) => {
  let app: ElectronApplication | null = null;
  let handle: AppHandle | null = null;
  const problems: string[] = [];
  const userData = join(vault.dir, '..', 'electron-user-data');
  await use(async (opts = {}) => {
    if (handle) return handle;
    refuseIfPreparing(vault);
    await mkdir(userData, { recursive: true });
    if (!existsSync(join(ROOT, ELECTRON_E2E_ENTRY))) {
      throw new Error(
        `${ELECTRON_E2E_ENTRY} is missing: build with CLINIC_E2E_BUILD=1 npx electron-vite build (or let global-setup build).`,
      );
    }
    app = await _electron.launch({
      cwd: ROOT,
      env: utf8Env(),
      args: [
        ELECTRON_E2E_ENTRY,
        '--vault',
        vault.dir,
        '--test-no-dialogs',
        '--user-data-dir',
        userData,
      ],
    });
    const page = await app.firstWindow();
    watchPage(page, problems);
    if (opts.clock) await page.clock.install();
    await page.waitForLoadState('domcontentloaded');
    handle = { page, mode: 'electron', token: null, url: null };
    return handle;
  });
  if (handle) await attachFinalScreenshot((handle as AppHandle).page, testInfo);
  if (app) await (app as ElectronApplication).close();
  expect(problems, 'the page logged CSP violations or uncaught errors').toEqual([]);
};

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  vault: async ({}, use) => {
    const parent = await mkdtemp(join(tmpdir(), 'clinic-vault-e2e-'));
    const dir = join(parent, 'vault');
    await mkdir(dir);
    const preparing = new Set<Promise<unknown>>();
    const vault = makeVault(dir, preparing);
    preparingOf.set(vault, preparing);
    await use(vault);
    // A test that failed mid-preparation: let the command finish before its folder goes.
    await Promise.allSettled([...preparing]);
    await rm(parent, { recursive: true, force: true, maxRetries: 3 });
  },
  openApp: ELECTRON ? (openInElectron as unknown as OpenAppFixture) : openInBrowser,
  app: async ({ openApp }, use) => {
    await use(await openApp());
  },
  page: async ({ app }, use) => {
    await use(app.page);
  },
});

// ---- Helpers that act as a person would -------------------------------------------------------

export interface ClinicDetails {
  clinicName: string;
  ownerName: string;
  username: string;
  password: string;
  postcode?: string;
}

/** Runs the first-run wizard through the UI and lands signed in. Returns the recovery key shown. */
export async function setUpClinic(page: Page, d: ClinicDetails): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Clinic details' })).toBeVisible();
  await page.getByLabel('Clinic name').fill(d.clinicName);
  if (d.postcode) await page.getByLabel('Postcode').fill(d.postcode);
  await page.getByRole('button', { name: 'Next: owner account' }).click();

  await expect(page.getByRole('heading', { name: 'Owner account' })).toBeVisible();
  await page.getByLabel('Your name').fill(d.ownerName);
  await page.getByLabel('Username').fill(d.username);
  await page.getByLabel('Password', { exact: true }).fill(d.password);
  await page.getByLabel('Confirm password').fill(d.password);
  await page.getByRole('button', { name: 'Create the vault' }).click();

  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible();
  const key = (await page.getByTestId('recovery-key').innerText()).trim();
  await page.getByRole('checkbox', { name: 'I have stored it safely' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  return key;
}

/** Signs in from the sign-in or lock screen and waits for the app. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  const user = page.getByLabel('Username');
  await user.fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** Opens a page from the side navigation and waits for its title (Home's title is the welcome). */
export async function openNav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
  const title = name === 'Home' ? /^Welcome, / : name;
  await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
}

/** A named full-page screenshot in e2e-artifacts/ (kept after the run; gitignored). */
export async function snapshot(page: Page, name: string): Promise<void> {
  const suffix = ELECTRON ? '-electron' : '';
  await page.screenshot({
    path: join(ARTIFACTS, `${name}${suffix}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

/** Calls the contract directly from the page, as a script in the renderer could (bypassing the UI). */
export async function callFromPage(app: AppHandle, method: string, input?: unknown): Promise<unknown> {
  if (app.mode === 'electron') {
    return app.page.evaluate(
      async ([m, i]) => {
        const bridge = (window as unknown as { clinic: { call(m: string, i: unknown): Promise<unknown> } })
          .clinic;
        return bridge.call(m as string, i);
      },
      [method, input] as const,
    );
  }
  return app.page.evaluate(
    async ([m, i, token]) => {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Clinic-Token': token as string },
        body: JSON.stringify(i === undefined ? { method: m } : { method: m, input: i }),
      });
      return res.json() as Promise<unknown>;
    },
    [method, input, app.token] as const,
  );
}
