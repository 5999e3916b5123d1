import { defineConfig } from '@playwright/test';
import { utf8Env } from './e2e/utf8-env';

/**
 * End-to-end tests. Browser mode (default) runs each spec against the loopback
 * browser host in system Chromium; CLINIC_E2E_ELECTRON=1 runs the same specs
 * against the built desktop app. e2e/global-setup.ts builds the app first.
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  workers: 2,
  retries: 0,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    screenshot: 'on',
    trace: 'retain-on-failure',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1280, height: 860 },
    launchOptions: {
      executablePath: process.env.CLINIC_E2E_CHROMIUM ?? '/usr/bin/chromium',
      env: utf8Env(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
