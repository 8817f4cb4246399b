import { expect, test, type Page } from '@playwright/test'
import { openApp, saveShot } from './helpers'

/**
 * Workloads, as a person uses them: create a Deployment of 6 from the console; change its
 * image from the inspector and watch the rollout in the graph (old ReplicaSet shrinking, new
 * one growing, the controller's arithmetic live); roll it back to revision 1 from the history;
 * then the Kubernetes docs' liveness-exec pod restarts until CrashLoopBackOff, and its
 * lifecycle timeline shows why. Time is stepped through window.__kp, never slept.
 */

type Hooks = NonNullable<Window['__kp']>
const hook = <K extends keyof Hooks>(page: Page, name: K, ...args: Parameters<Hooks[K]>) =>
  page.evaluate(([n, a]) => (window.__kp![n] as (...x: unknown[]) => unknown)(...(a as unknown[])), [name, args] as const) as Promise<Awaited<ReturnType<Hooks[K]>>>

/** The liveness-exec example from kubernetes.io ("Configure Liveness, Readiness and Startup Probes"). */
const LIVENESS_EXEC = `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
`

const revisions = (page: Page) => page.locator('[data-testid^="rs.web-"][data-revision]')
const currentRS = (page: Page) => page.locator('[data-testid^="rs.web-"][data-current="true"]')
const oldRS = (page: Page) => page.locator('[data-testid^="rs.web-"][data-current="false"]')

async function typeCommand(page: Page, line: string) {
  await page.getByTestId('drawer.tab.console').click()
  await page.getByTestId('console.input').fill(line)
  await page.getByTestId('console.input').press('Enter')
}

test('a Deployment rolls out a new image, rolls back, and a failing liveness probe ends in CrashLoopBackOff', async ({ page }) => {
  test.setTimeout(120_000)
  const errors = await openApp(page)
  // Only the test moves time from here on.
  await page.getByTestId('toolbar.pause').click()

  // A Deployment of 6, typed in the console.
  await typeCommand(page, 'kubectl create deployment web --image=nginx:1.26 --replicas=6')
  await expect(page.getByTestId('console.output')).toContainText('deployment.apps/web created')
  await hook(page, 'settle')
  await expect(page.getByTestId('deploy.web.count')).toHaveText('6/6')
  await expect(revisions(page)).toHaveCount(1)
  await expect(currentRS(page)).toHaveAttribute('data-revision', '1')
  await expect(currentRS(page).locator('[data-testid$=".count"]')).toHaveText('6/6')

  // Change the image from the inspector: the quick button opens the form.
  await page.getByTestId('deploy.web.image').click()
  const inspector = page.getByTestId('inspector')
  await expect(inspector.getByTestId('deploy.details')).toBeVisible()
  await inspector.getByTestId('ctl.image.example.nginx:1.27').click()
  await inspector.getByTestId('ctl.image.apply').click()
  await expect(page.getByTestId('last-command')).toContainText('kubectl set image deployment/web nginx=nginx:1.27')

  // Step through the rollout until both ReplicaSets have pods: old shrinking, new growing.
  await expect
    .poll(
      async () => {
        await hook(page, 'advance', 700)
        const news = await currentRS(page).locator('[data-testid$=".count"]').textContent()
        const olds = await oldRS(page).locator('[data-testid$=".count"]').textContent()
        const ready = Number(news?.split('/')[0] ?? 0)
        const oldDesired = Number(olds?.split('/')[1] ?? 6)
        return ready >= 2 && oldDesired > 0 && oldDesired < 6
      },
      { intervals: [0], timeout: 30_000 },
    )
    .toBe(true)
  await expect(revisions(page)).toHaveCount(2)
  await expect(inspector.getByTestId('rollout.phase')).not.toHaveAttribute('data-phase', 'complete')
  await expect(inspector.getByTestId('rollout.bounds')).toContainText('8')
  // Hide the drawer so the graph gets the room (the canvas re-fits), then look.
  await page.getByTestId('drawer.toggle').click()
  await expect(page.getByTestId('drawer')).not.toHaveClass(/open/)
  await hook(page, 'ticks', 20)
  await saveShot(page, 'workloads-rollout')
  await page.getByTestId('drawer.toggle').click()

  // Let it finish: the new ReplicaSet (revision 2) has 6/6, the old one 0.
  await hook(page, 'settle')
  await expect(currentRS(page)).toHaveAttribute('data-revision', '2')
  await expect(currentRS(page).locator('[data-testid$=".count"]')).toHaveText('6/6')
  await expect(oldRS(page).locator('[data-testid$=".count"]')).toHaveText('0/0')
  await expect(inspector.getByTestId('rollout.phase')).toHaveAttribute('data-phase', 'complete')
  await expect(inspector.getByTestId('rollout.cond.Progressing')).toHaveText('NewReplicaSetAvailable')
  await expect(inspector.getByTestId('history.rev.1')).toContainText('nginx=nginx:1.26')
  await expect(inspector.getByTestId('history.rev.2')).toContainText('nginx=nginx:1.27')
  await saveShot(page, 'workloads-rolled-out')

  // Roll back to revision 1 from the history: that ReplicaSet comes back as revision 3.
  await inspector.getByTestId('history.undo.1').click()
  await expect(page.getByTestId('last-command')).toContainText('kubectl rollout undo deployment/web --to-revision=1')
  await hook(page, 'settle')
  await expect(currentRS(page)).toHaveAttribute('data-revision', '3')
  await expect(currentRS(page).locator('[data-testid$=".count"]')).toHaveText('6/6')
  await expect(currentRS(page)).toContainText('nginx:1.26')
  await expect(oldRS(page).locator('[data-testid$=".count"]')).toHaveText('0/0')
  await expect(inspector.getByTestId('history.rev.3')).toContainText('was rev 1')
  await expect(revisions(page)).toHaveCount(2)

  // The liveness-exec pod, applied from the YAML panel.
  await page.getByTestId('drawer.tab.yaml').click()
  await page.getByTestId('yaml.content').fill(LIVENESS_EXEC)
  await page.getByTestId('yaml.apply').click()
  await expect(page.getByTestId('yaml.result')).toHaveText(/pod\/liveness-exec created/)
  const pod = page.getByTestId('pod.liveness-exec')
  await expect
    .poll(
      async () => {
        await hook(page, 'advance', 5_000)
        return pod.getAttribute('data-status')
      },
      { intervals: [0], timeout: 60_000 },
    )
    .toBe('CrashLoopBackOff')
  await pod.click()
  await expect(inspector.getByTestId('inspector.name')).toContainText('liveness-exec')
  const lc = inspector.getByTestId('lifecycle')
  await expect(lc.getByTestId('lifecycle.lane.liveness')).toBeVisible()
  await expect(lc.locator('.lc-mark[data-kind="probeFail"]').first()).toBeAttached()
  await expect(lc.locator('.lc-mark[data-kind="restart"]').first()).toBeAttached()
  await expect(lc.locator('.lc-seg[data-kind="crashBackOff"]').first()).toBeAttached()
  await inspector.getByTestId('inspector.lifecycle').scrollIntoViewIfNeeded()
  await saveShot(page, 'workloads-lifecycle')

  expect(errors).toEqual([])
})

test('a ReplicationController is drawn with its equality selector, a ReplicaSet with a set-based one', async ({ page }) => {
  const errors = await openApp(page)
  await page.getByTestId('toolbar.pause').click()
  await page.getByTestId('drawer.tab.yaml').click()
  await page.getByTestId('yaml.content').fill(`apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  replicas: 2
  selector:
    app: legacy
  template:
    metadata:
      labels:
        app: legacy
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: modern
spec:
  replicas: 2
  selector:
    matchLabels:
      app: modern
    matchExpressions:
    - key: tier
      operator: In
      values: [web, api]
  template:
    metadata:
      labels:
        app: modern
        tier: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`)
  await page.getByTestId('yaml.apply').click()
  await expect(page.getByTestId('yaml.result')).toContainText('replicationcontroller/legacy created')
  await hook(page, 'settle')
  await expect(page.getByTestId('rs.legacy.selectorKind')).toContainText('equality selector')
  await expect(page.getByTestId('rs.modern.selectorKind')).toContainText('set-based selector')
  await expect(page.getByTestId('rs.legacy.count')).toHaveText('2/2')

  await page.getByTestId('rs.legacy').click()
  const inspector = page.getByTestId('inspector')
  await expect(inspector.getByTestId('selector')).toHaveAttribute('data-style', 'equality')
  await expect(inspector.getByTestId('selector.map')).toContainText('app: legacy')
  await page.getByTestId('rs.modern').click()
  await expect(inspector.getByTestId('selector')).toHaveAttribute('data-style', 'set-based')
  await expect(inspector.getByTestId('selector.set')).toContainText('matchExpressions')
  await expect(inspector.getByTestId('selector.set')).toContainText('operator: In')
  await saveShot(page, 'workloads-selectors')
  expect(errors).toEqual([])
})

test('faults: a stopped kubelet shows at once and its node goes Unknown after the grace period; a crashed container restarts', async ({ page }) => {
  const errors = await openApp(page)
  await page.getByTestId('toolbar.pause').click()
  await typeCommand(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=3')
  await hook(page, 'settle')
  const inspector = page.getByTestId('inspector')

  // Crash a container from the pod inspector: the kubelet restarts it (RESTARTS 1).
  const pod = page.locator('[data-testid^="pod.web-"][data-phase="Running"]').first()
  await pod.click()
  await inspector.getByTestId('faults.exitCode').fill('2')
  await inspector.getByTestId('faults.crash').click()
  await expect(page.getByTestId('last-command')).toContainText('cluster.faults.crashContainer("default", "web-')
  await expect(page.getByTestId('last-command')).toContainText('"nginx", 2)')
  await hook(page, 'advance', 2_000)
  await expect(inspector.getByTestId('inspector.status')).toHaveText('Running')
  await expect(inspector.getByTestId('lifecycle.list')).toContainText('exit code 2')
  await expect(inspector.locator('.lc-mark[data-kind="restart"]').first()).toBeAttached()

  // Stop node-2's kubelet from the node inspector: the banner is there before any condition changes.
  await page.getByTestId('node.node-2').click({ position: { x: 60, y: 14 } })
  await expect(inspector.getByTestId('inspector.name')).toContainText('node-2')
  await inspector.getByTestId('faults.stopKubelet').click()
  await expect(page.getByTestId('last-command')).toContainText('cluster.faults.stopKubelet("node-2")')
  await expect(page.getByTestId('node.node-2.kubeletStopped')).toBeVisible()
  await expect(page.getByTestId('node.node-2')).toHaveAttribute('data-ready', 'True')
  // node-monitor-grace-period is 50 s: after it, every condition is Unknown.
  await hook(page, 'advance', 60_000)
  await expect(page.getByTestId('node.node-2')).toHaveAttribute('data-ready', 'Unknown')
  await saveShot(page, 'workloads-kubelet-stopped')
  await inspector.getByTestId('faults.startKubelet').click()
  await hook(page, 'advance', 15_000)
  await expect(page.getByTestId('node.node-2.kubeletStopped')).toHaveCount(0)
  await expect(page.getByTestId('node.node-2')).toHaveAttribute('data-ready', 'True')
  expect(errors).toEqual([])
})
