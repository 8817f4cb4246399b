import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { test, type ConsoleMessage, type Page } from '@playwright/test'

/** Where screenshots go (gitignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../e2e-artifacts/', import.meta.url))

/** Console messages that are not bugs in the app. */
function isHarmless(msg: ConsoleMessage): boolean {
  const where = msg.location().url
  return /\/favicon\.ico(\?|$)/.test(where) || /favicon\.ico/.test(msg.text())
}

/**
 * Start collecting errors from `page`: console errors (page and its Web Workers), uncaught
 * exceptions and crashes. Returns the live array; assert it empty at the end of a test:
 *
 *     const errors = collectErrors(page)
 *     ...
 *     expect(errors).toEqual([])
 */
export function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (msg) => {
    if (msg.type() !== 'error' || isHarmless(msg)) return
    const { url, lineNumber } = msg.location()
    const from = msg.worker() ? ' (worker)' : ''
    errors.push(`console.error${from}: ${msg.text()}${url ? ` @ ${url}:${lineNumber}` : ''}`)
  })
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.stack ?? err.message}`))
  page.on('crash', () => errors.push('page crashed'))
  return errors
}

/**
 * Open the app at `path` (default `/`) and wait until it signals readiness by rendering
 * `[data-testid="app.ready"]`. Errors are collected from before navigation starts, so nothing
 * during boot is missed. Returns the live error array (see `collectErrors`):
 *
 *     const errors = await openApp(page)
 *     ...
 *     expect(errors).toEqual([])
 */
export async function openApp(page: Page, path = '/', timeout = 30_000): Promise<string[]> {
  const errors = collectErrors(page)
  await page.goto(path)
  await page.locator('[data-testid="app.ready"]').waitFor({ state: 'attached', timeout })
  return errors
}

/**
 * Save a screenshot of the viewport to `e2e-artifacts/<name>.png` and attach it to the test
 * report. Returns the file path.
 */
export async function saveShot(page: Page, name: string, fullPage = false): Promise<string> {
  const safe = name.replace(/\.png$/i, '').replace(/[^\w.-]+/g, '-')
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const path = `${ARTIFACTS_DIR}${safe}.png`
  await page.screenshot({ path, fullPage })
  try {
    await test.info().attach(safe, { path, contentType: 'image/png' })
  } catch {
    // called outside a running test (e.g. from a script): the file is still saved
  }
  return path
}
