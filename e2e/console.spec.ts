import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { openApp, saveShot } from './helpers'

/**
 * The console feature as a person uses it: kubectl typed with Tab completion and history, a
 * `get -w` that streams until Ctrl+C, the YAML editor (a template, `kubectl edit`, an Invalid
 * error marked on its line), export to a file and import back, node and pod shells. Time is
 * stepped through the app's test hook (window.__kp), never slept.
 */
type Hooks = NonNullable<Window['__kp']>
const hook = <K extends keyof Hooks>(page: Page, name: K, ...args: Parameters<Hooks[K]>) =>
  page.evaluate(([n, a]) => (window.__kp![n] as (...x: unknown[]) => unknown)(...(a as unknown[])), [name, args] as const) as Promise<Awaited<ReturnType<Hooks[K]>>>

const editor = (page: Page) => page.locator('[data-testid="yaml.input"] .cm-content')
const lastEntry = (page: Page, testid = 'console') => page.getByTestId(`${testid}.entry`).last()
/** The console entry of a command (a running watch stays at the bottom, so position is no guide). */
const entryOf = (page: Page, command: string) => page.getByTestId('console.entry').filter({ has: page.locator('.term-line', { hasText: new RegExp(`^${command}$`) }) })

async function type(page: Page, line: string, testid = 'console') {
  const input = page.getByTestId(`${testid}.input`)
  await input.fill(line)
  await input.press('Enter')
}

/** New → Deployment template (web, 3 × nginx:1.27), Apply. */
async function applyDeploymentTemplate(page: Page) {
  await page.getByTestId('drawer.tab.yaml').click()
  await page.getByTestId('yaml.new').click()
  await page.getByTestId('yaml.new.deployment').click()
  await expect(editor(page)).toContainText('kind: Deployment')
  await page.getByTestId('yaml.apply').click()
  await expect(page.getByTestId('yaml.result')).toHaveText('deployment.apps/web created')
  await expect(page.getByTestId('last-command')).toContainText('kubectl apply -f -')
  await hook(page, 'settle')
}

test('kubectl console: Tab completion, history, a watch stopped with Ctrl+C, help and clear', async ({ page }) => {
  const errors = await openApp(page)
  await applyDeploymentTemplate(page)
  await page.getByTestId('drawer.tab.console').click()
  const input = page.getByTestId('console.input')

  // Verbs, resource types and flags complete from the engine's catalog (fetched when the console opens).
  await expect(async () => {
    await input.fill('kubectl get dep')
    await input.press('Tab')
    await expect(input).toHaveValue('kubectl get deployments ', { timeout: 500 })
  }).toPass()
  await input.pressSequentially('-o w')
  await input.press('Tab')
  await expect(input).toHaveValue('kubectl get deployments -o wide ')
  await input.press('Enter')
  await expect(lastEntry(page)).toContainText('nginx:1.27')
  await expect(lastEntry(page)).toContainText('app=web')

  // Object names come from what exists: three pods share a prefix, Tab lists them.
  await input.fill('kubectl get po')
  await input.press('Tab')
  await expect(input).toHaveValue('kubectl get pods ')
  await input.pressSequentially('we')
  await input.press('Tab')
  await expect(input).toHaveValue(/^kubectl get pods web-[a-z0-9]+-$/)
  await expect(page.getByTestId('console.completions').locator('span')).toHaveCount(3)
  await input.press('Control+u')

  // History: ↑ brings back the last command, and survives a reload.
  await input.press('ArrowUp')
  await expect(input).toHaveValue('kubectl get deployments -o wide')
  await input.press('ArrowDown')
  await expect(input).toHaveValue('')

  // A watch streams new rows as the cluster changes; Ctrl+C stops it.
  await type(page, 'kubectl get pods -w')
  const watch = entryOf(page, 'kubectl get pods -w')
  await expect(watch).toHaveAttribute('data-watching', '')
  await expect(watch.locator('.term-out').first()).toContainText('Running')
  await type(page, 'kubectl scale deployment web --replicas=4')
  await expect(entryOf(page, 'kubectl scale deployment web --replicas=4')).toContainText('deployment.apps/web scaled')
  await expect(lastEntry(page)).toHaveAttribute('data-watching', '') // the live watch stays next to the input
  await hook(page, 'settle')
  const watchLines = (await watch.locator('.term-out').first().innerText()).split('\n').filter(Boolean)
  expect(watchLines.length).toBeGreaterThan(4) // header + 3 pods, then the new pod's rows
  expect(watchLines.some((l) => /ContainerCreating|Pending/.test(l))).toBe(true)
  await saveShot(page, 'console-watch')
  await input.press('Control+c')
  await expect(watch).not.toHaveAttribute('data-watching', '')
  await expect(watch).toContainText('^C')

  // help shows the keys and what this kubectl simulates; Ctrl+L clears.
  await type(page, 'help')
  await expect(lastEntry(page)).toContainText('Tab completes')
  await expect(lastEntry(page)).toContainText('apply')
  await saveShot(page, 'console-help')
  await input.press('Control+l')
  await expect(page.getByTestId('console.entry')).toHaveCount(0)

  await page.reload()
  await page.locator('[data-testid="app.ready"]').waitFor({ state: 'attached' })
  await page.getByTestId('drawer.tab.console').click()
  await page.getByTestId('console.input').press('ArrowUp')
  await expect(page.getByTestId('console.input')).toHaveValue('help')
  expect(errors).toEqual([])
})

test('YAML editor: kubectl edit a Deployment’s image and watch the rollout; an Invalid error on its line', async ({ page }) => {
  const errors = await openApp(page)
  await applyDeploymentTemplate(page)

  // `kubectl edit` opens the object in the editor, without status or server-set fields.
  await page.getByTestId('drawer.tab.console').click()
  await type(page, 'kubectl edit deployment web')
  await expect(page.getByTestId('drawer.tab.yaml')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('yaml.title')).toContainText('deployment web')
  await expect(editor(page)).toContainText('image: nginx:1.27')
  await expect(editor(page)).not.toContainText('resourceVersion:')
  await expect(editor(page)).not.toContainText('status:')
  await expect(page.getByTestId('last-command')).toContainText('kubectl edit deployment web')

  // Change the image, Apply: the Deployment rolls out a new ReplicaSet.
  await page.locator('.cm-line', { hasText: 'image: nginx:1.27' }).click()
  await page.keyboard.press('End')
  for (let i = 0; i < 2; i++) await page.keyboard.press('Backspace')
  await page.keyboard.type('28')
  await expect(editor(page)).toContainText('image: nginx:1.28')
  await page.keyboard.press('Escape')
  await page.getByTestId('yaml.apply').click()
  await expect(page.getByTestId('yaml.result')).toHaveText('deployment.apps/web configured')

  await page.getByTestId('drawer.tab.console').click()
  await type(page, 'kubectl get rs -w')
  const watch = entryOf(page, 'kubectl get rs -w')
  await expect(watch).toHaveAttribute('data-watching', '')
  for (let i = 0; i < 30; i++) await hook(page, 'advance', 1000)
  await expect(watch.locator('.term-out').first()).toContainText(/web-[a-z0-9]+ +3 +3 +3/)
  await saveShot(page, 'editor-rollout-watch')
  await page.getByTestId('console.input').press('Control+c')
  await type(page, 'kubectl rollout status deployment/web')
  await expect(lastEntry(page)).toContainText('deployment "web" successfully rolled out')
  await type(page, 'kubectl get deploy web -o wide')
  await expect(lastEntry(page)).toContainText('nginx:1.28')

  // An invalid value: the API server's error is marked on the line of the field it names.
  await page.getByTestId('drawer.tab.yaml').click()
  await page.getByTestId('yaml.new').click()
  await page.getByTestId('yaml.new.deployment').click()
  await page.locator('.cm-line', { hasText: 'replicas: 3' }).click()
  await page.keyboard.press('End')
  await page.keyboard.press('Backspace')
  await page.keyboard.type('-1')
  await page.getByTestId('yaml.apply').click()
  await expect(page.getByTestId('yaml.result')).toHaveAttribute('data-code', '1')
  await expect(page.getByTestId('yaml.result')).toContainText('spec.replicas: Invalid value: -1: must be greater than or equal to 0')
  const mark = page.locator('[data-testid="yaml.input"] .cm-lintRange-error')
  await expect(mark).toHaveText('replicas: -1')
  await expect(page.getByTestId('yaml.errorsHint')).toBeVisible()
  await mark.hover()
  await expect(page.locator('.cm-tooltip-lint')).toContainText('spec.replicas: Invalid value: -1')
  await saveShot(page, 'editor-invalid')
  await page.mouse.move(0, 0)

  // Completion knows Kubernetes: fields of the kind at the cursor, their values, apiVersion/kind pairs.
  await page.getByTestId('yaml.new').click()
  await page.getByTestId('yaml.new.service-clusterip').click()
  await page.locator('.cm-line', { hasText: 'type: ClusterIP' }).click()
  await page.keyboard.press('End')
  await page.keyboard.press('Enter')
  await page.keyboard.type('sessionAff')
  const popup = page.locator('.cm-tooltip-autocomplete')
  await popup.getByText('sessionAffinity', { exact: true }).click()
  await page.keyboard.type('Cl')
  await expect(popup).toContainText('ClientIP')
  await saveShot(page, 'editor-completion')
  await popup.getByText('ClientIP', { exact: true }).click()
  await expect(editor(page)).toContainText('sessionAffinity: ClientIP')
  await page.keyboard.press('Control+End')
  await page.keyboard.type('---')
  await page.keyboard.press('Enter')
  await page.keyboard.type('ReplicationC')
  await popup.getByText('ReplicationController', { exact: true }).click()
  await expect(editor(page)).toContainText('---apiVersion: v1kind: ReplicationController')

  // A YAML syntax error is marked as you type, before anything is sent.
  await page.locator('.cm-line', { hasText: 'name: web' }).first().click()
  await page.keyboard.press('End')
  await page.keyboard.type(': x')
  await expect(page.locator('[data-testid="yaml.input"] .cm-lint-marker-error').first()).toBeVisible()
  expect(errors).toEqual([])
})

test('export the cluster as YAML kubectl accepts, import it back', async ({ page }) => {
  const errors = await openApp(page)
  await applyDeploymentTemplate(page)
  await page.getByTestId('yaml.new').click()
  await page.getByTestId('yaml.new.service-nodeport').click()
  await page.getByTestId('yaml.apply').click()
  await expect(page.getByTestId('yaml.result')).toHaveText('service/web-nodeport created')
  await hook(page, 'settle')

  await page.getByTestId('export.open').click()
  await saveShot(page, 'export-menu')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export.cluster').click()])
  expect(download.suggestedFilename()).toBe('cluster.yaml')
  const text = readFileSync(await download.path(), 'utf8')
  const kinds = [...text.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1])
  expect(kinds).toEqual(['Service', 'Deployment']) // no ReplicaSets or Pods the Deployment owns, no system objects
  expect(text).toContain('name: web-nodeport')
  expect(text).toContain('image: nginx:1.27')
  for (const serverSet of ['resourceVersion:', 'uid:', 'creationTimestamp:', 'status:', 'clusterIP:', 'last-applied-configuration']) expect(text).not.toContain(serverSet)
  await expect(page.getByTestId('last-command')).toContainText('kubectl get services,deployments -o yaml')

  // Import the file back: it is loaded into the editor and applied.
  await page.getByTestId('import.file').setInputFiles({ name: 'cluster.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) })
  await expect(page.getByTestId('yaml.title')).toContainText('cluster.yaml')
  await expect(page.getByTestId('yaml.result')).toContainText('deployment.apps/web configured')
  await expect(page.getByTestId('last-command')).toContainText('kubectl apply -f cluster.yaml')
  await expect(page.getByTestId('yaml.command')).toHaveText('$ kubectl apply -f cluster.yaml')
  await saveShot(page, 'export-imported')

  // Or drop a file on the editor.
  const drop = await page.evaluateHandle(() => {
    const dt = new DataTransfer()
    dt.items.add(new File(['apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n'], 'shop.yaml', { type: 'application/yaml' }))
    return dt
  })
  await page.locator('.editor-panel').dispatchEvent('dragover', { dataTransfer: drop })
  await page.locator('.yaml-editor').dispatchEvent('drop', { dataTransfer: drop })
  await expect(page.getByTestId('yaml.result')).toHaveText('namespace/shop created')
  await expect(editor(page)).toContainText('name: shop')
  await expect(page.getByTestId('last-command')).toContainText('kubectl apply -f shop.yaml')
  expect(errors).toEqual([])
})

test('node and pod shells', async ({ page }) => {
  const errors = await openApp(page)
  await applyDeploymentTemplate(page)

  // A node's shell from the + Shell menu: the node's own view of the Services.
  await page.getByTestId('shell.new').click()
  await page.getByTestId('shell.new.node-1').click()
  await expect(page.getByTestId('last-command')).toContainText('kubectl debug node/node-1 -it --image=busybox -- chroot /host sh')
  await type(page, 'iptables-save', 'shell.node-1')
  const saved = lastEntry(page, 'shell.node-1')
  await expect(saved.locator('.term-cmd')).toContainText('node-1$ iptables-save')
  await expect(saved).toContainText('*nat')
  await expect(saved).toContainText('-A KUBE-SERVICES')
  await type(page, 'ip route', 'shell.node-1')
  await expect(lastEntry(page, 'shell.node-1')).toContainText('10.244.')
  await saveShot(page, 'shell-node')

  // `kubectl exec -it POD -- sh` in the console opens a pod shell whose lines run through kubectl exec.
  await page.getByTestId('drawer.tab.console').click()
  const pod = (await page.evaluate(() => window.__kp!.kubectl('get pods -o name'))).stdout.split('\n')[0].replace('pod/', '')
  await type(page, `kubectl exec -it ${pod} -- sh`)
  const tab = page.getByTestId(`drawer.tab.shell.${pod}:nginx`)
  await expect(tab).toBeVisible()
  await type(page, 'hostname', `shell.${pod}`)
  await expect(lastEntry(page, `shell.${pod}`).locator('.term-out')).toHaveText(pod)
  await type(page, 'cat /etc/resolv.conf', `shell.${pod}`)
  await expect(lastEntry(page, `shell.${pod}`)).toContainText('nameserver 10.96.0.10')
  await saveShot(page, 'shell-pod')
  await type(page, 'exit', `shell.${pod}`)
  await expect(tab).toHaveCount(0)
  expect(errors).toEqual([])
})
