import { describe, expect, it } from 'vitest'
import { podYaml, proxyCluster, serviceYaml, webSetup, type ProxyTestCluster } from './testing'
import type { TraceRequest } from './tracer'
import { execOnNode } from '../../shell/exec'

const fromClient = (url: string, extra: Partial<TraceRequest> = {}): TraceRequest => ({ from: 'pod', namespace: 'default', pod: 'client', url, ...extra })
const WEB3 = '---\n' + podYaml('web-3', 'node-1', { app: 'web' }, { port: 8080 })

function servedBy(t: ProxyTestCluster, n: number, req = fromClient('http://web')): string[] {
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const r = t.trace(req)
    expect(r.code).toBe(0)
    out.push(r.response.servedBy!.name)
  }
  return out
}

function counts(names: string[]): Record<string, number> {
  const c: Record<string, number> = {}
  for (const n of names) c[n] = (c[n] ?? 0) + 1
  return c
}

describe('load balancing over 1,000 requests', () => {
  it('iptables: the statistic cascade spreads uniformly (chi-square, 2 df, below the 0.001 critical value 13.82)', () => {
    const t = proxyCluster({ seed: 3 })
    t.apply(webSetup() + WEB3)
    const c = counts(servedBy(t, 1000))
    expect(Object.keys(c).sort()).toEqual(['default/web-1', 'default/web-2', 'default/web-3'])
    const chi2 = Object.values(c).reduce((s, o) => s + (o - 1000 / 3) ** 2 / (1000 / 3), 0)
    expect(chi2).toBeLessThan(13.82)
  })

  it('IPVS rr: exactly round robin, in ipvsadm order', () => {
    const t = proxyCluster({ mode: 'ipvs' })
    t.apply(webSetup() + WEB3)
    const names = servedBy(t, 1000)
    expect(Object.values(counts(names)).sort()).toEqual([333, 333, 334])
    for (let i = 3; i < names.length; i++) expect(names[i]).toBe(names[i - 3])
    // rr starts at the first real server in address order (10.244.1.x before 10.244.2.x).
    // web-2's address on node-2 depends on whether a CoreDNS pod took 10.244.2.2 first.
    const ipOf = (n: string) => t.c.api.peek('pods', 'default', n.split('/')[1])!.status.podIP as string
    const web2 = ipOf('default/web-2')
    expect(web2).toMatch(/^10\.244\.2\.\d+$/)
    expect(names.slice(0, 3).map(ipOf)).toEqual(['10.244.1.2', '10.244.1.3', web2])
    // ipvsadm shows the connections as inactive (TIME_WAIT) until they expire.
    const out = execOnNode(t.dp, 'node-3', 'ipvsadm -Ln').stdout
    expect(out).toContain(`  -> ${'10.244.1.2:8080'.padEnd(28)} Masq    1      0          334       \n`)
  })

  it('userspace: the balancer walks its shuffled list round robin, exactly', () => {
    const t = proxyCluster({ mode: 'userspace' })
    t.apply(webSetup() + WEB3)
    const names = servedBy(t, 1000)
    const c = counts(names)
    expect(Object.values(c).sort()).toEqual([333, 333, 334])
    for (let i = 3; i < names.length; i++) expect(names[i]).toBe(names[i - 3])
  })
})

describe('sessionAffinity: ClientIP', () => {
  it.each(['iptables', 'ipvs', 'userspace'] as const)('%s: every request from one client reaches the same pod', (mode) => {
    const t = proxyCluster({ mode })
    t.apply(webSetup({ sessionAffinity: 'ClientIP' }) + WEB3)
    const names = servedBy(t, 30)
    expect(new Set(names).size).toBe(1)
  })

  it('iptables: the stickiness is the -m recent list the SEP rule --set', () => {
    const t = proxyCluster()
    t.apply(webSetup({ sessionAffinity: 'ClientIP' }))
    const r = t.trace(fromClient('http://web'))
    // The first DNAT is the DNS query's (kube-dns has no affinity); the request's follows.
    expect(r.hops.find((h) => h.kind === 'netfilter' && h.change?.kind === 'DNAT')!.phase).toBe('dns')
    const first = r.hops.find((h) => h.phase === 'request' && h.kind === 'netfilter' && h.change?.kind === 'DNAT')!
    expect(first.decisive!.line).toContain(`-m recent --set --name ${first.decisive!.chain} --mask 255.255.255.255 --rsource`)
    const again = t.trace(fromClient('http://web'))
    const hit = again.hops.find((h) => h.phase === 'request' && h.kind === 'netfilter' && h.change?.kind === 'DNAT')!
    expect(hit.rules!.some((x) => x.line.includes('--rcheck --seconds 10800 --reap'))).toBe(true)
  })
})

describe('stopping kube-proxy', () => {
  it('iptables: the rules keep working but stop following changes', () => {
    const t = proxyCluster()
    t.apply(webSetup())
    const kp = t.proxies.get('node-3')!
    kp.stop()
    expect(kp.status()).toMatchObject({ running: false, mode: 'iptables' })
    expect(t.trace(fromClient('http://web')).code).toBe(0)
    // A new Service is programmed everywhere except on node-3.
    t.apply(serviceYaml('late', { selector: { app: 'web' } }))
    const late = t.trace(fromClient('http://late', { maxTimeS: 1 }))
    expect(late.code).toBe(28)
    expect(late.hops.some((h) => h.kind === 'route' && h.text.includes('default route'))).toBe(true)
    expect(t.trace({ from: 'pod', namespace: 'default', pod: 'web-1', url: 'http://late' }).code).toBe(0)
    // A deleted endpoint stays in node-3's rules: some connections go to an address nobody has.
    expect(t.c.kubectl('delete pod web-2').code).toBe(0)
    t.c.settle(120_000)
    const results = Array.from({ length: 30 }, () => t.trace(fromClient('http://web')))
    const dead = results.filter((r) => r.code === 7)
    expect(dead.length).toBeGreaterThan(0)
    expect(dead[0].response.error?.message).toMatch(/^Failed to connect to web port 80 after 3\d{3} ms: Couldn't connect to server$/)
    expect(results.filter((r) => r.code === 0).length).toBeGreaterThan(0)
    // Restarted, it catches up at its first sync.
    kp.start()
    t.c.settle(10_000)
    expect(Array.from({ length: 10 }, () => t.trace(fromClient('http://web')).code)).toEqual(Array(10).fill(0))
  })

  it('ipvs: the virtual servers stay and keep balancing', () => {
    const t = proxyCluster({ mode: 'ipvs' })
    t.apply(webSetup())
    t.proxies.get('node-3')!.stop()
    expect(new Set(servedBy(t, 4))).toEqual(new Set(['default/web-1', 'default/web-2']))
    const web2 = t.c.api.peek('pods', 'default', 'web-2')!.status.podIP as string
    expect(execOnNode(t.dp, 'node-3', 'ipvsadm -Ln').stdout).toContain(`  -> ${web2}:8080 `)
  })

  it('userspace: the process is gone, the REDIRECT points at a closed port: connection refused', () => {
    const t = proxyCluster({ mode: 'userspace' })
    t.apply(webSetup())
    t.proxies.get('node-3')!.stop()
    // The DNS query to kube-dns is REDIRECTed to the same dead proxy: the name no longer resolves.
    const byName = t.trace(fromClient('http://web'))
    expect(byName.code).toBe(6)
    expect(byName.response.error?.message).toBe('Could not resolve host: web')
    expect(byName.hops.some((h) => h.phase === 'dns' && h.change?.kind === 'REDIRECT')).toBe(true)
    expect(byName.hops.some((h) => h.phase === 'dns' && h.kind === 'deliver' && h.text.includes('connection refused'))).toBe(true)
    // By ClusterIP the connection itself hits the closed port.
    const ip = t.c.api.peek('services', 'default', 'web')!.spec.clusterIP as string
    const r = t.trace(fromClient(`http://${ip}`))
    expect(r.code).toBe(7)
    expect(r.response.error?.message).toBe(`Failed to connect to ${ip} port 80 after 0 ms: Couldn't connect to server`)
    expect(r.hops.some((h) => h.phase === 'request' && h.change?.kind === 'REDIRECT')).toBe(true)
    // Other nodes' proxies still run.
    expect(t.trace({ from: 'pod', namespace: 'default', pod: 'web-1', url: 'http://web' }).code).toBe(0)
  })
})

describe('userspace specifics', () => {
  it('two connections: the pod sees the node as its client; each direction is copied through kube-proxy', () => {
    const t = proxyCluster({ mode: 'userspace' })
    t.apply(webSetup())
    const r = t.trace(fromClient('http://web/clientip'))
    expect(r.response.body).toMatch(/^172\.18\.0\.4:\d+\n$/)
    const proxy = r.hops.filter((h) => h.kind === 'kube-proxy')
    // The DNS query to kube-dns is proxied the same way (accept on the node, forward to CoreDNS).
    expect(proxy.map((h) => h.phase)).toEqual(['dns', 'dns', 'request', 'reply'])
    // 2 context switches and 2 copies per direction per proxied flow: DNS + HTTP.
    expect(r.cost.contextSwitches).toBe(8)
    expect(r.cost.copies).toBe(8)
    // By ClusterIP, only the HTTP connection is proxied.
    const ip = t.c.api.peek('services', 'default', 'web')!.spec.clusterIP as string
    const direct = t.trace(fromClient(`http://${ip}/clientip`))
    expect(direct.hops.filter((h) => h.kind === 'kube-proxy').map((h) => h.phase)).toEqual(['request', 'reply'])
    expect(direct.cost.contextSwitches).toBe(4)
    expect(direct.cost.copies).toBe(4)
  })

  it('no endpoints: kube-proxy accepts and closes — curl: (52) Empty reply from server', () => {
    const t = proxyCluster({ mode: 'userspace' })
    t.apply(webSetup() + '---\n' + serviceYaml('empty'))
    const r = t.trace(fromClient('http://empty'))
    expect(r.code).toBe(52)
    expect(r.response.error?.message).toBe('Empty reply from server')
  })
})

describe('switching the proxy mode', () => {
  it('iptables → ipvs → userspace → iptables: each switch cleans up the other mode and traffic keeps flowing', () => {
    const t = proxyCluster()
    t.apply(webSetup())
    const k = t.proxies.get('node-1')!.kernel
    expect(k.iptables.nat.chains.some((c) => c.startsWith('KUBE-SVC-'))).toBe(true)

    t.setMode('ipvs')
    expect(k.mode).toBe('ipvs')
    expect(k.iptables.nat.chains.some((c) => c.startsWith('KUBE-SVC-') || c.startsWith('KUBE-SEP-'))).toBe(false)
    expect(execOnNode(t.dp, 'node-1', 'ip addr show kube-ipvs0').stdout).toContain(`inet ${t.c.api.peek('services', 'default', 'web')!.spec.clusterIP}/32 scope global kube-ipvs0`)
    expect(t.trace(fromClient('http://web')).code).toBe(0)

    t.setMode('userspace')
    expect(k.ipvs).toBeUndefined()
    expect(execOnNode(t.dp, 'node-1', 'ip addr show kube-ipvs0')).toMatchObject({ code: 1, stderr: 'Device "kube-ipvs0" does not exist.\n' })
    expect(execOnNode(t.dp, 'node-1', 'iptables-save -t nat').stdout).toContain('-j REDIRECT --to-ports')
    expect(t.trace(fromClient('http://web')).code).toBe(0)

    t.setMode('iptables')
    expect(execOnNode(t.dp, 'node-1', 'iptables-save -t nat').stdout).not.toContain('KUBE-PORTALS')
    expect(t.proxies.get('node-1')!.status()).toMatchObject({ mode: 'iptables', running: true })
    expect(t.trace(fromClient('http://web')).code).toBe(0)
  })
})
