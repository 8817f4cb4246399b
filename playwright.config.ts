import { defineConfig } from '@playwright/test'

// End-to-end tests run against the production build (`vite preview`) in Debian's Chromium.
// Playwright never downloads a browser here: `scripts/test.sh` finds or installs one and sets
// CHROMIUM_PATH. Never run `npx playwright install`.
//
// The preview server uses an unusual port with --strictPort and reuseExistingServer: false, so a
// busy port fails loudly instead of silently testing some other app. Override with E2E_PORT.
const port = Number(process.env.E2E_PORT ?? 47613)
const baseURL = `http://127.0.0.1:${port}`

/** Read by scripts/test.sh to count test cases for its summary line. */
export const JSON_REPORT = 'e2e-artifacts/playwright-report.json'

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e-artifacts/test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalTimeout: 7 * 60_000, // below the 8 min step cap in scripts/test.sh
  fullyParallel: false,
  workers: 1, // 2-core machine; the app under test also runs a Web Worker
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: JSON_REPORT }]],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 720 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // Build first if there is no build yet (scripts/test.sh always builds before this step).
    command: `(test -f dist/index.html || npx --no-install vite build) && npx --no-install vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
