import { describe, expect, it } from 'vitest'
import type { FromWorker, HitsMessage, ProxyStatusMessage, RulesMessage, ScaleProgressMessage, SvcErrorMessage, TraceResultMessage, TrafficMessage } from '../protocol'
import { createCluster } from '../engine/index'
import { webSetup } from '../engine/net/dataplane/testing'
import { ServicesWorker } from './services'
import type { ServicesHost } from './services-host'
import { SCALE_NAMESPACE } from './scale-experiment'

/**
 * The worker's Services commands over the real engine: `Cluster` itself is the host (trace,
 * exec, setProxyMode, proxyStatus). kube-proxy stop/start goes through `cluster.faults` when the
 * engine has it, else through the cluster's kube-proxies directly.
 */
function harness(spec: Record<string, unknown> = {}, withEngine = true) {
  const c = createCluster({ seed: 1, nodes: 3 })
  const r = c.kubectl('apply -f -', webSetup(spec))
  if (r.code !== 0) throw new Error(r.stderr)
  c.settle(120_000)
  const faults = c.faults as unknown as Record<string, unknown>
  const base = { now: () => c.now(), kubectl: (l: string, s?: string) => c.kubectl(l, s), advance: (ms: number) => c.advance(ms) }
  const host: ServicesHost = withEngine
    ? {
        ...base,
        trace: (o) => c.trace(o),
        proxyStatus: () => c.proxyStatus(),
        setProxyMode: (mode, node) => c.setProxyMode(mode, node),
        exec: (h, cmd) => c.exec(h, cmd),
        faults: {
          stopKubeProxy: (n: string) => (typeof faults.stopKubeProxy === 'function' ? (faults.stopKubeProxy as (n: string) => void)(n) : c.proxies.get(n)!.stop()),
          startKubeProxy: (n: string) => (typeof faults.startKubeProxy === 'function' ? (faults.startKubeProxy as (n: string) => void)(n) : c.proxies.get(n)!.start()),
        },
      }
    : base
  const posted: FromWorker[] = []
  const w = new ServicesWorker(host, (m) => posted.push(m))
  const of = <T extends FromWorker['type']>(type: T) => posted.filter((m) => m.type === type) as Extract<FromWorker, { type: T }>[]
  const setMode = (m: 'iptables' | 'ipvs' | 'userspace') => (c.setProxyMode(m), c.settle(60_000))
  return { c, w, posted, of, setMode }
}

const FROM_CLIENT = { from: 'pod', namespace: 'default', pod: 'client' } as const

describe('ServicesWorker', () => {
  it('traces one request hop by hop and counts the pod that answered', () => {
    const h = harness()
    h.w.handle({ type: 'trace', id: 1, source: FROM_CLIENT, url: 'http://web' })
    const r = h.of('traceResult')[0] as TraceResultMessage
    expect(r.id).toBe(1)
    expect(r.result.code).toBe(0)
    expect(r.result.servedBy).toMatch(/^default\/web-[12]$/)
    expect(r.result.response).toBe(r.result.servedBy!.split('/')[1])
    expect(r.result.mode).toBe('iptables')
    // The first DNAT is the DNS query's (to a CoreDNS pod); the request's targets port 8080.
    const dnat = r.result.hops.find((x) => x.change?.kind === 'DNAT' && /:8080$/.test(x.decisive?.line ?? ''))
    expect(dnat?.decisive?.line).toMatch(/^-A KUBE-SEP-\w{16} .*-j DNAT --to-destination 10\.244\.[12]\.2:8080$/)
    expect(r.result.cost.rules).toBeGreaterThan(0)
    const hits = h.of('hits').at(-1) as HitsMessage
    expect(hits).toMatchObject({ total: 1, failed: 0, hits: { [r.result.servedBy!]: 1 } })
  })

  it('IPVS rr answers round-robin; ClientIP affinity sticks to one pod', () => {
    const rr = harness()
    rr.setMode('ipvs')
    for (let i = 0; i < 4; i++) rr.w.handle({ type: 'trace', id: i, source: FROM_CLIENT, url: 'http://web' })
    const served = rr.of('traceResult').map((m) => m.result.servedBy)
    expect(served[0]).not.toBe(served[1])
    expect(served[0]).toBe(served[2])
    expect(rr.of('traceResult')[0].result.mode).toBe('ipvs')

    const sticky = harness({ sessionAffinity: 'ClientIP' })
    for (let i = 0; i < 6; i++) sticky.w.handle({ type: 'trace', id: i, source: FROM_CLIENT, url: 'http://web' })
    expect(new Set(sticky.of('traceResult').map((m) => m.result.servedBy)).size).toBe(1)
  })

  it('streams N requests per virtual second, only while virtual time moves', () => {
    const h = harness()
    h.w.handle({ type: 'stream', id: 5, source: FROM_CLIENT, url: 'http://web', perSecond: 10 })
    h.w.tick(true) // t=0: the first request goes at once
    h.w.tick(true) // nothing more is due until the clock moves
    h.c.advance(1000)
    h.w.tick(true)
    const last = h.of('traffic').at(-1) as TrafficMessage
    expect(last).toMatchObject({ streamId: 5, active: true, sent: 11, ok: 11, failed: 0 })
    expect(h.of('traffic')).toHaveLength(2)
    h.w.handle({ type: 'stream', id: 6, source: FROM_CLIENT, url: 'http://web', perSecond: 0 })
    expect((h.of('traffic').at(-1) as TrafficMessage).active).toBe(false)
    h.c.advance(1000)
    h.w.tick(true)
    expect((h.of('hits').at(-1) as HitsMessage).total).toBe(11)
  })

  it('switches the proxy mode and reports kube-proxy status; stops and starts kube-proxy', () => {
    const h = harness()
    h.w.postStatus(true)
    expect((h.of('proxyStatus')[0] as ProxyStatusMessage).nodes.map((n) => n.mode)).toEqual(['iptables', 'iptables', 'iptables'])
    h.w.handle({ type: 'proxyMode', id: 2, mode: 'ipvs', node: 'node-2' })
    expect(h.of('svcResult').at(-1)).toMatchObject({ id: 2, code: 0, command: 'kube-proxy --proxy-mode=ipvs # on node-2' })
    const st = h.of('proxyStatus').at(-1) as ProxyStatusMessage
    expect(st.nodes.map((n) => n.mode)).toEqual(['iptables', 'ipvs', 'iptables'])
    h.w.handle({ type: 'proxyFault', id: 3, node: 'node-1', action: 'stop' })
    expect((h.of('proxyStatus').at(-1) as ProxyStatusMessage).nodes[0].running).toBe(false)
  })

  it('shows a node’s rule tables in its mode', () => {
    const h = harness()
    h.w.handle({ type: 'rules', id: 9, node: 'node-1' })
    const r = h.of('rulesResult')[0] as RulesMessage
    expect(r).toMatchObject({ node: 'node-1', mode: 'iptables', running: true })
    expect(r.sections[0].command).toBe('iptables-save')
    expect(r.sections[0].text).toMatch(/-A KUBE-SERVICES -d 10\.\d+\.\d+\.\d+\/32 -p tcp -m comment --comment "default\/web cluster IP"/)
    h.setMode('ipvs')
    h.w.postStatus(true)
    h.w.handle({ type: 'rules', id: 10, node: 'node-1' })
    const ipvs = h.of('rulesResult')[1] as RulesMessage
    expect(ipvs.sections.map((s) => s.command)).toEqual(['ipvsadm -Ln', 'iptables-save'])
    expect(ipvs.sections[0].text).toMatch(/^IP Virtual Server version 1\.2\.1 \(size=4096\)/)
  })

  it('compares the same request under the three modes and puts the modes back', () => {
    const h = harness()
    h.w.handle({ type: 'compareModes', id: 4, source: FROM_CLIENT, url: 'http://web' })
    const m = h.of('compareResult')[0]
    expect(m.columns.map((c) => [c.mode, c.result?.mode, c.result?.code])).toEqual([
      ['userspace', 'userspace', 0],
      ['iptables', 'iptables', 0],
      ['ipvs', 'ipvs', 0],
    ])
    const [us, ipt, ipvs] = m.columns.map((c) => c.result!.cost)
    expect(us.contextSwitches).toBeGreaterThan(0)
    expect(ipt.contextSwitches).toBe(0)
    expect(ipvs.hashLookups).toBeGreaterThan(0)
    expect(h.c.proxyStatus().map((p) => p.mode)).toEqual(['iptables', 'iptables', 'iptables'])
  })

  it('answers “not available” when the engine has no tracer, and never throws', () => {
    const h = harness({}, false)
    h.w.handle({ type: 'trace', id: 7, source: FROM_CLIENT, url: 'http://web' })
    expect((h.of('svcError')[0] as SvcErrorMessage).message).toMatch(/not available/)
    h.w.postStatus(true)
    expect(h.of('proxyStatus')[0]).toMatchObject({ available: false, nodes: [] })
  })

  it('the scale experiment creates Services in batches, waits for kube-proxy, and measures', () => {
    const h = harness()
    h.w.handle({ type: 'scaleServices', id: 11, total: 30 })
    for (let i = 0; i < 200 && (h.of('scaleProgress').at(-1) as ScaleProgressMessage).phase !== 'done'; i++) {
      h.c.advance(100)
      h.w.tick(true)
    }
    const p = h.of('scaleProgress').at(-1) as ScaleProgressMessage
    expect(p).toMatchObject({ phase: 'done', created: 30, total: 30 })
    expect(h.c.kubectl(`get services -n ${SCALE_NAMESPACE} -o name`).stdout.trim().split('\n')).toHaveLength(30)
    const point = p.points[0]
    expect(point.mode).toBe('iptables')
    expect(point.services).toBeGreaterThanOrEqual(32)
    expect(point.nodes).toHaveLength(3)
    // 3n + 2 nat rules per ClusterIP service with one endpoint (REFERENCE 9.7 "Cost") at least.
    expect(point.nodes[0].nat).toBeGreaterThan(30 * 5)
    expect(point.measured?.rules).toBeGreaterThan(0)
    expect(point.modelled.iptables.rulesTraversed).toBeGreaterThan(point.modelled.ipvs.rulesTraversed)
    expect(p.facts.map((f) => f.id)).toContain('P3')
  })
})
