import { copyFileSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, test, type Page } from '@playwright/test'
import { openApp, saveShot } from './helpers'

/**
 * The foundation, as a person uses it: three nodes; apply a ReplicaSet from YAML; its pods run
 * on nodes; + scales it; time can be paused, stepped and sped up; a pod explains where it was
 * scheduled. The simulation is stepped through the app's test hook (window.__kp), never slept.
 */

type Hooks = NonNullable<Window['__kp']>
const hook = <K extends keyof Hooks>(page: Page, name: K, ...args: Parameters<Hooks[K]>) =>
  page.evaluate(([n, a]) => (window.__kp![n] as (...x: unknown[]) => unknown)(...(a as unknown[])), [name, args] as const) as Promise<Awaited<ReturnType<Hooks[K]>>>

/** The web ReplicaSet's running pods (kubeadm's two CoreDNS pods run in kube-system too). */
const running = (page: Page) => page.locator('[data-testid^="pod.web-"][data-phase="Running"]:not([data-leaving])')
const coreDns = (page: Page) => page.locator('[data-testid^="pod.coredns-"][data-phase="Running"]:not([data-leaving])')
const DOCS_SCREENSHOT = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url))

test('apply a ReplicaSet, watch it run, scale it, step time, ask the scheduler why', async ({ page }) => {
  const errors = await openApp(page)

  // Three worker nodes, drawn as groups.
  await expect(page.locator('[data-testid^="node."]')).toHaveCount(3)
  for (const n of ['node-1', 'node-2', 'node-3']) await expect(page.getByTestId(`node.${n}`)).toBeVisible()

  // Apply the example ReplicaSet (3 replicas) from the YAML panel.
  await page.getByTestId('drawer.tab.yaml').click()
  await expect(page.getByTestId('yaml.input')).toContainText('kind: ReplicaSet') // a CodeMirror editor, not a textarea
  await page.getByTestId('yaml.apply').click()
  await expect(page.getByTestId('yaml.result')).toHaveText(/replicaset\.apps\/web created/)

  // Let the cluster do its work instantly, then see three Running pods, each on a node.
  await hook(page, 'settle')
  await expect(running(page)).toHaveCount(3)
  for (const pod of await running(page).all()) await expect(pod).toHaveAttribute('data-node', /^node-\d$/)
  await expect(coreDns(page)).toHaveCount(2)
  await expect(page.getByTestId('rs.web.count')).toHaveText('3/3')

  // Scale to 5 with the + button; the command behind the click is shown.
  await page.getByTestId('rs.web.plus').click()
  await expect(page.getByTestId('last-command')).toContainText('kubectl scale replicaset/web --replicas=4')
  await page.getByTestId('rs.web.plus').click()
  await expect(page.getByTestId('last-command')).toContainText('kubectl scale replicaset/web --replicas=5')
  await hook(page, 'settle')
  await expect(running(page)).toHaveCount(5)
  await expect(page.getByTestId('rs.web.count')).toHaveText('5/5')

  // Speed: the select drives the worker, and the worker's status comes back.
  await page.getByTestId('toolbar.speed').selectOption('5')
  await expect(page.getByTestId('toolbar.speed')).toHaveValue('5')

  // Pause: the virtual clock stands still while the worker keeps ticking.
  await page.getByTestId('toolbar.pause').click()
  await expect(page.getByTestId('toolbar.play')).toBeVisible()
  const paused = (await hook(page, 'state')).clock
  await hook(page, 'ticks', 10)
  expect((await hook(page, 'state')).clock).toBe(paused)
  await expect(page.getByTestId('toolbar.clock')).toHaveAttribute('data-ms', String(paused))

  // Step: exactly 100 ms of virtual time, still paused.
  await page.getByTestId('toolbar.step').click()
  await expect(page.getByTestId('toolbar.clock')).toHaveAttribute('data-ms', String(paused + 100))
  await expect(page.getByTestId('toolbar.play')).toBeVisible()

  // Play again: time moves.
  await page.getByTestId('toolbar.play').click()
  await expect.poll(async () => (await hook(page, 'state')).clock).toBeGreaterThan(paused + 100)
  await page.getByTestId('toolbar.speed').selectOption('1')

  // Click a pod: the inspector shows the scheduler's per-node table with the chosen node ticked.
  const pod = running(page).first()
  const node = await pod.getAttribute('data-node')
  await pod.click()
  const inspector = page.getByTestId('inspector')
  await expect(inspector.getByTestId('sched.table')).toBeVisible()
  await expect(inspector.locator('[data-testid^="sched.node."]')).toHaveCount(3)
  await expect(inspector.getByTestId(`sched.node.${node}`)).toHaveAttribute('data-chosen', 'true')
  await expect(inspector.getByTestId('sched.table')).toContainText('NodeResourcesFit')

  await saveShot(page, 'foundation')
  // The README's screenshot is refreshed on purpose only (UPDATE_DOCS_SCREENSHOT=1), so a test
  // run never leaves the repository changed.
  const docsShot = await saveShot(page, 'foundation-docs')
  if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
    mkdirSync(fileURLToPath(new URL('../docs/', import.meta.url)), { recursive: true })
    copyFileSync(docsShot, DOCS_SCREENSHOT)
  }

  expect(errors).toEqual([])
})

test('the kubectl console runs commands and shows their output', async ({ page }) => {
  const errors = await openApp(page)
  await page.getByTestId('drawer.tab.console').click()
  await page.getByTestId('console.input').fill('kubectl get nodes')
  await page.getByTestId('console.input').press('Enter')
  await expect(page.getByTestId('console.output')).toContainText('node-1')
  await expect(page.getByTestId('console.output')).toContainText('Ready')
  expect(errors).toEqual([])
})

test('the interface speaks 简体中文', async ({ page }) => {
  const errors = await openApp(page)
  await page.getByTestId('toolbar.language').selectOption('zh')
  await expect(page.getByTestId('toolbar.pause')).toHaveText('暂停')
  await expect(page.getByTestId('pending-area')).toContainText('未调度')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await saveShot(page, 'foundation-zh')
  expect(errors).toEqual([])
})
