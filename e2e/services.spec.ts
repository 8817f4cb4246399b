import { expect, test, type Page } from '@playwright/test'
import { openApp, saveShot } from './helpers'

/**
 * A packet you can watch: create a Deployment and a NodePort Service from the console, send a
 * request from outside the cluster, step the packet hop by hop in iptables, IPVS and userspace
 * mode, and see the rule that matched highlighted in the node's own rule table. Then the modes
 * side by side, a stopped kube-proxy, and the scale experiment. Simulated time is stepped
 * through the app's test hook (window.__kp), never slept.
 */

type Hooks = NonNullable<Window['__kp']>
const hook = <K extends keyof Hooks>(page: Page, name: K, ...args: Parameters<Hooks[K]>) =>
  page.evaluate(([n, a]) => (window.__kp![n] as (...x: unknown[]) => unknown)(...(a as unknown[])), [name, args] as const) as Promise<Awaited<ReturnType<Hooks[K]>>>

async function kubectl(page: Page, line: string, expectText: string | RegExp) {
  const input = page.getByTestId('console.input')
  await input.fill(line)
  await input.press('Enter')
  await expect(page.getByTestId('console.output')).toContainText(expectText)
}

/** Send one request from outside to the Service's NodePort on node-1, then pause the playback. */
async function sendFromOutside(page: Page) {
  await page.getByTestId('drawer.tab.traffic').click()
  await page.getByTestId('traffic.source').selectOption('external')
  const option = page.getByTestId('traffic.target').locator('option', { hasText: 'NodePort on node-1' }).first()
  await page.getByTestId('traffic.target').selectOption((await option.getAttribute('value'))!)
  await page.getByTestId('traffic.send').click()
  await expect(page.getByTestId('packet')).toBeAttached()
  await expect(page.getByTestId('traffic.response')).toContainText(/answered by default\/web-/)
  // Take over from the autoplay: back to the first hop, paused.
  await page.getByTestId('hop.0').click()
  await expect(page.getByTestId('packet')).toHaveAttribute('data-hop', '0')
  await expect(page.getByTestId('traffic.play')).toBeVisible()
}

/** Step with "next" until the current hop is of `kind` (and changes the header, if asked); returns its index. */
async function stepTo(page: Page, kind: string, withChange = false): Promise<number> {
  const rows = page.locator('[data-testid^="hop."][data-kind]')
  const n = await rows.count()
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i)
    if ((await row.getAttribute('data-kind')) !== kind) continue
    if (withChange && !(await row.evaluate((el) => el.classList.contains('has-change')))) continue
    // Walk there with the step button, as a person would, watching the packet move.
    for (let cur = Number(await page.getByTestId('packet').getAttribute('data-hop')); cur < i; cur++) {
      await page.getByTestId('traffic.next').click()
      await expect(page.getByTestId('packet')).toHaveAttribute('data-hop', String(cur + 1))
      await expect(page.getByTestId('header-card')).toHaveAttribute('data-hop', String(cur + 1))
    }
    return i
  }
  throw new Error(`no ${kind} hop`)
}

async function switchMode(page: Page, mode: 'iptables' | 'ipvs' | 'userspace') {
  await page.getByTestId('proxy-mode.select').selectOption(mode)
  await expect(page.getByTestId('last-command')).toContainText(`kube-proxy --proxy-mode=${mode}`)
  await hook(page, 'advance', 3000)
  for (const n of ['node-1', 'node-2', 'node-3']) await expect(page.getByTestId(`kproxy.${n}`)).toHaveAttribute('data-mode', mode)
  await expect(page.getByTestId('proxy-mode')).toHaveAttribute('data-mode', mode)
}

test('a request from outside, hop by hop, in each proxy mode, with the matched rule highlighted', async ({ page }) => {
  test.setTimeout(120_000)
  const errors = await openApp(page)
  await page.getByTestId('toolbar.pause').click()

  // A Deployment and a NodePort Service, typed into the console.
  await page.getByTestId('drawer.tab.console').click()
  await kubectl(page, 'kubectl create deployment web --image=nginx --replicas=3 --port=80', 'deployment.apps/web created')
  await kubectl(page, 'kubectl expose deployment web --port=80 --type=NodePort', 'service/web exposed')
  await hook(page, 'settle')

  // The Service on the canvas: type, ports as kubectl prints them, its endpoints; kube-proxy on every node.
  await expect(page.getByTestId('svc.web')).toHaveAttribute('data-type', 'NodePort')
  await expect(page.getByTestId('svc.web.ports')).toHaveText(/^80:3\d{4}\/TCP$/)
  await expect(page.getByTestId('svc.web.endpoints')).toHaveText('3/3 endpoints ready')
  // kube-dns's two CoreDNS pods (kubeadm's Deployment) are endpoints too: 3 + 2 ready edges.
  await expect(page.getByTestId('svc.kube-dns.endpoints')).toHaveText('2/2 endpoints ready')
  await expect(page.locator('.react-flow__edge.ep-ready')).toHaveCount(5)
  for (const n of ['node-1', 'node-2', 'node-3']) await expect(page.getByTestId(`kproxy.${n}`)).toHaveAttribute('data-mode', 'iptables')
  await expect(page.getByTestId('external-client')).toBeVisible()
  await saveShot(page, 'services-graph')

  // iptables: the request reaches node-1, is DNATed by a KUBE-SEP rule to a pod IP and targetPort.
  await sendFromOutside(page)
  await expect(page.getByTestId('header-card')).toBeVisible()
  await expect(page.getByTestId('header.dst')).toContainText(/:3\d{4}$/)
  await stepTo(page, 'netfilter', true)
  await expect(page.getByTestId('header.change')).toContainText('DNAT')
  await expect(page.getByTestId('header.dst')).toHaveText(/^10\.244\.\d+\.\d+:80$/)
  await expect(page.getByTestId('header-card')).toContainText('Pod IP')
  await expect(page.getByTestId('header-card')).toContainText('targetPort')
  await expect(page.getByTestId('header.rule')).toContainText('-j DNAT --to-destination')
  // The rule in its chain, in the node's own iptables-save, right in the packet inspector.
  await expect(page.getByTestId('packet.rule.decisive')).toContainText('-j DNAT --to-destination')
  await saveShot(page, 'services-iptables-hop')
  await page.getByTestId('packet.showRules').click()
  await expect(page.getByTestId('rules-view')).toBeVisible()
  await expect(page.getByTestId('rules.mode')).toContainText('iptables')
  await expect(page.getByTestId('rules.mark.decisive')).toContainText(/-A KUBE-SEP-\w{16} .*-j DNAT --to-destination 10\.244\.\d+\.\d+:80/)
  await expect(page.getByTestId('rules.mark.decisive')).toBeInViewport()
  await saveShot(page, 'services-iptables-rule')

  // IPVS: the same request, one hash lookup picks a real server; the rules view is ipvsadm -Ln.
  await switchMode(page, 'ipvs')
  await sendFromOutside(page)
  await stepTo(page, 'ipvs')
  await expect(page.getByTestId('header.change')).toContainText('DNAT')
  await expect(page.getByTestId('header.ipvs')).toContainText(/IPVS: TCP 172\.18\.0\.2:3\d{4} rr → 10\.244\.\d+\.\d+:80/)
  await expect(page.getByTestId('packet.rule.decisive')).toContainText(/-> 10\.244\.\d+\.\d+:80/)
  await page.getByTestId('packet.showRules').click()
  await expect(page.getByTestId('rules.section.0')).toHaveText('ipvsadm -Ln')
  await expect(page.getByTestId('rules.mark.decisive')).toContainText(/-> 10\.244\.\d+\.\d+:80\s+Masq/)
  await saveShot(page, 'services-ipvs-rule')

  // userspace: REDIRECT to kube-proxy's port; the packet goes through the kube-proxy process.
  await switchMode(page, 'userspace')
  await sendFromOutside(page)
  await stepTo(page, 'netfilter', true)
  await expect(page.getByTestId('header.change')).toContainText('REDIRECT')
  await expect(page.getByTestId('header-card')).toContainText('proxy port')
  await stepTo(page, 'kube-proxy')
  await expect(page.getByTestId('packet')).toHaveAttribute('data-kind', 'kube-proxy')
  await saveShot(page, 'services-userspace-proxy')

  // Round-robin in userspace: a stream of requests spreads evenly over the three pods.
  await page.getByTestId('drawer.tab.traffic').click()
  await page.getByTestId('traffic.hitsReset').click()
  await page.getByTestId('traffic.rate').selectOption('5')
  await page.getByTestId('traffic.stream').click()
  await expect(page.getByTestId('traffic.stop')).toBeVisible()
  await hook(page, 'advance', 1700) // requests at 0, 200, …, 1600 ms: 9
  await hook(page, 'ticks', 3)
  await page.getByTestId('traffic.stop').click()
  const bars = page.locator('[data-testid^="hits.bar.default/web-"]')
  await expect(bars).toHaveCount(3)
  for (const b of await bars.all()) await expect(b).toHaveAttribute('data-count', '3')
  await expect(page.getByTestId('hits-panel')).toContainText('round-robin')
  await saveShot(page, 'services-userspace-hits')

  // The same request in the three modes, side by side, with what each cost.
  await page.getByTestId('traffic.compare').click()
  await expect(page.getByTestId('compare-panel')).toBeVisible()
  await expect(page.getByTestId('compare.userspace.total')).not.toHaveAttribute('data-cs', '0')
  await expect(page.getByTestId('compare.iptables.total')).toHaveAttribute('data-cs', '0')
  await expect(page.getByTestId('compare.ipvs.total')).not.toHaveAttribute('data-hash', '0')
  await expect(page.getByTestId('proxy-mode')).toHaveAttribute('data-mode', 'userspace')
  await saveShot(page, 'services-compare')
  await page.getByTestId('compare.close').click()

  // Stop kube-proxy on node-1 (node inspector): the chip and a warning say what that means here.
  await page.getByTestId('kproxy.node-1').click()
  await page.getByTestId('node.kubeProxy.toggle').click()
  const warning = page.getByTestId('kproxy.node-1.warning')
  await expect(warning).toBeVisible()
  await expect(page.getByTestId('kproxy.node-1')).toHaveAttribute('data-running', 'false')
  await expect(warning).toContainText('this node’s Service traffic fails')
  await saveShot(page, 'services-kube-proxy-stopped')
  await page.getByTestId('node.kubeProxy.toggle').click()
  await expect(page.getByTestId('kproxy.node-1')).toHaveAttribute('data-running', 'true')

  // The same screen in 简体中文: a request replayed from the start, paused on its DNAT/REDIRECT hop.
  await page.getByTestId('toolbar.language').selectOption('zh')
  await page.getByTestId('drawer.tab.traffic').click()
  await page.getByTestId('traffic.send').click()
  await page.getByTestId('hop.0').click()
  await stepTo(page, 'netfilter', true)
  await expect(page.getByTestId('header-card')).toContainText('目的')
  await saveShot(page, 'services-zh')
  await page.getByTestId('toolbar.language').selectOption('en')

  expect(errors).toEqual([])
})

test('a LoadBalancer Service: the cloud load balancer outside the cluster forwards to a NodePort', async ({ page }) => {
  const errors = await openApp(page)
  await page.getByTestId('toolbar.pause').click()
  await page.getByTestId('drawer.tab.console').click()
  await kubectl(page, 'kubectl create deployment shop --image=nginx --replicas=2 --port=80', 'deployment.apps/shop created')
  await kubectl(page, 'kubectl expose deployment shop --port=80 --type=LoadBalancer', 'service/shop exposed')
  await hook(page, 'settle')
  // The load balancer, outside the cluster, shows the Service's status.loadBalancer.ingress IP.
  await expect(page.getByTestId('lb.shop.ip')).toHaveText(/^\d+\.\d+\.\d+\.\d+$/)
  const lbIP = (await page.getByTestId('lb.shop.ip').textContent())!
  await page.getByTestId('drawer.tab.traffic').click()
  await page.getByTestId('traffic.source').selectOption('external')
  await page.getByTestId('traffic.target').selectOption(`http://${lbIP}/`)
  await page.getByTestId('traffic.send').click()
  await page.getByTestId('hop.0').click()
  await stepTo(page, 'loadbalancer')
  await expect(page.getByTestId('header.change')).toContainText('LB-DNAT')
  await expect(page.getByTestId('header-card')).toContainText('nodePort')
  await saveShot(page, 'services-loadbalancer')
  // The same in the dark theme (colours keep their meaning).
  await page.getByTestId('toolbar.theme').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await saveShot(page, 'services-dark')
  await page.getByTestId('toolbar.theme').click()
  expect(errors).toEqual([])
})

test('the scale experiment: rules per node and per-packet cost, iptables vs IPVS', async ({ page }) => {
  test.setTimeout(120_000)
  const errors = await openApp(page)
  await page.getByTestId('toolbar.pause').click()
  await page.getByTestId('drawer.tab.scale').click()
  await expect(page.getByTestId('scale.facts')).toContainText('35%')
  for (const n of [10, 100, 1000]) {
    await page.getByTestId(`scale.grow.${n}`).click()
    await expect(page.getByTestId('scale.progress')).toHaveAttribute('data-total', String(n))
    await expect(page.getByTestId('scale.progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 })
    await expect(page.getByTestId('scale.progress')).toHaveAttribute('data-created', String(n))
  }
  await expect(page.getByTestId('svcgroup.scale-test')).toContainText('1,000')
  // The same 1,000 Services measured in IPVS mode.
  await page.getByTestId('proxy-mode.select').selectOption('ipvs')
  await hook(page, 'advance', 3000)
  await page.getByTestId('scale.measure').click()
  await expect(page.getByTestId('scale.progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 })
  await expect(page.getByTestId('scale.chart.rules').locator('[data-series="rules-ipvs"] circle')).toHaveCount(1)
  await expect(page.getByTestId('scale.chart.cost').locator('[data-series="measured-iptables"] circle')).toHaveCount(3)
  await saveShot(page, 'services-scale')
  await page.getByTestId('toolbar.language').selectOption('zh')
  await expect(page.getByTestId('scale.facts')).toContainText('约占一个核的 35%')
  await saveShot(page, 'services-scale-zh')
  await page.getByTestId('toolbar.language').selectOption('en')
  expect(errors).toEqual([])
})
