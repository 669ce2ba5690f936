import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests run the built standalone server against a throw-away data folder, in Debian's
 * Chromium: Playwright's own browser download cannot work on machines without internet.
 */
const port = Number(process.env.E2E_PORT ?? 4399);
process.env.REKINDLE_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'rekindle-e2e-'));
process.env.REKINDLE_PUBLIC_URL = `http://127.0.0.1:${port}`;
process.env.REKINDLE_ADMIN_PASSWORD ??= 'e2e-admin-password';
process.env.REKINDLE_API_KEY ??= 'e2e-api-key-0123456789abcdef';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromium,
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], viewport: { width: 360, height: 780 }, launchOptions: chromium },
    },
  ],
  webServer: {
    command: 'node src/server/node-server.ts',
    url: `http://127.0.0.1:${port}/`,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      REKINDLE_DATA_DIR: process.env.REKINDLE_DATA_DIR,
      REKINDLE_PUBLIC_URL: process.env.REKINDLE_PUBLIC_URL,
      REKINDLE_ADMIN_PASSWORD: process.env.REKINDLE_ADMIN_PASSWORD,
      REKINDLE_API_KEY: process.env.REKINDLE_API_KEY,
    },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
