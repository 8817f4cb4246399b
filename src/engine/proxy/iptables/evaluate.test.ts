import { describe, expect, it } from 'vitest'
import { ep, proxyModel, webModel, webService, NODE_IPS } from '../fixtures'
import type { ProxyModel } from '../model'
import { restoreLine } from './format'
import { tracePacket, type TraceOptions } from './evaluate'
import type { Packet, RecentLists } from './match'
import { buildIptables } from './rules'

const fixed = (x: number) => () => x
const opts = (m: ProxyModel, over: Partial<TraceOptions> = {}): TraceOptions => ({
  from: 'pod', rand: fixed(0.1), now: 0, recent: {}, localAddresses: [m.nodeIP], ...over,
})
const toWeb = (src = '10.244.1.9'): Packet => ({ src, dst: '10.96.45.12', proto: 'tcp', sport: 40000, dport: 80 })

describe('pod → ClusterIP (REFERENCE 9.8)', () => {
  const m = webModel('node-1')
  const t = buildIptables(m)

  it.each([[0.1, '10.244.1.5:8080'], [0.49, '10.244.1.5:8080'], [0.5, '10.244.2.7:8080'], [0.9, '10.244.2.7:8080']])(
    'rand %f picks %s', (r, want) => {
      const res = tracePacket(t, toWeb(), opts(m, { rand: fixed(r) }))
      expect(res.verdict).toBe('ACCEPT')
      expect(res.delivery).toBe('forward')
      expect(res.endpoint).toBe(want)
      expect(res.packet).toMatchObject({ src: '10.244.1.9', dst: want.split(':')[0], dport: 8080 })
      expect(res.masqueraded).toBe(false)
    })

  it('records the path and counts every rule it tried', () => {
    const res = tracePacket(t, toWeb(), opts(m))
    const matched = res.steps.filter((s) => s.matched && s.table === 'nat' && s.rule.target?.j !== 'RETURN').map((s) => restoreLine(s.rule))
    expect(matched.slice(0, 4)).toEqual([
      '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A KUBE-SERVICES -m comment --comment "default/web cluster IP" -m tcp -p tcp -d 10.96.45.12 --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G',
      '-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.1.5:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-XQWD6PXGZUTOOIVQ',
      '-A KUBE-SEP-XQWD6PXGZUTOOIVQ -m comment --comment default/web -m tcp -p tcp -j DNAT --to-destination 10.244.1.5:8080',
    ])
    // nat PREROUTING 6, filter FORWARD 7 (4 hook jumps + 3 KUBE-FORWARD rules), nat POSTROUTING 2.
    expect(res.rulesTraversed).toBe(15)
    expect(tracePacket(t, toWeb(), opts(m, { rand: fixed(0.9) })).rulesTraversed).toBe(16)
    expect(res.hooks.map((h) => `${h.table}/${h.hook}:${h.verdict}${h.translated ? '/' + h.translated : ''}`))
      .toEqual(['nat/PREROUTING:ACCEPT/DNAT', 'filter/FORWARD:ACCEPT', 'nat/POSTROUTING:ACCEPT'])
  })

  it('keeps only matched steps when asked', () => {
    const res = tracePacket(t, toWeb(), opts(m, { recordMisses: false }))
    expect(res.steps.every((s) => s.matched)).toBe(true)
    expect(res.rulesTraversed).toBe(15)
  })

  it('hairpin: a pod reaching itself through the Service is masqueraded', () => {
    const res = tracePacket(t, toWeb('10.244.1.5'), opts(m, { egressIP: () => '10.244.1.1' }))
    expect(res.endpoint).toBe('10.244.1.5:8080')
    expect(res.masqueraded).toBe(true)
    expect(res.packet.src).toBe('10.244.1.1')
    expect(res.packet.mark).toBe(0)
  })

  it('an off-cluster source is marked and masqueraded to the node IP', () => {
    const res = tracePacket(t, toWeb('172.16.0.9'), opts(m, { from: 'network' }))
    expect(res.masqueraded).toBe(true)
    expect(res.packet.src).toBe(NODE_IPS['node-1'])
  })

  it('from the host (OUTPUT path): the node IP is outside the pod CIDR, so it is masqueraded', () => {
    const res = tracePacket(t, toWeb(NODE_IPS['node-1']), opts(m, { from: 'host' }))
    expect(res.hooks.map((h) => `${h.table}/${h.hook}`)).toEqual(['nat/OUTPUT', 'filter/OUTPUT', 'nat/POSTROUTING'])
    expect(res.endpoint).toBe('10.244.1.5:8080')
    expect(res.masqueraded).toBe(true)
  })

  it('no endpoints: REJECT in filter FORWARD (connection refused)', () => {
    const res = tracePacket(buildIptables(webModel('node-1', {}, [])), toWeb(), opts(m))
    expect(res.verdict).toBe('REJECT')
    expect(res.endpoint).toBeUndefined()
    expect(res.hooks.at(-1)).toMatchObject({ table: 'filter', hook: 'FORWARD', verdict: 'REJECT' })
    expect(restoreLine(res.hooks.at(-1)!.rule!)).toContain('"default/web has no endpoints"')
  })

  it('traffic to a plain pod IP walks all of KUBE-SERVICES: the cost grows with the number of services', () => {
    const cost = (n: number): number => {
      const svcs = Array.from({ length: n }, (_, i) => webService({ name: `s${String(i).padStart(3, '0')}`, clusterIP: `10.96.1.${i + 1}` }))
      const eps = Object.fromEntries(svcs.map((s) => [`default/${s.name}`, [ep('10.244.2.7', 8080, 'node-2')]]))
      const mm = proxyModel('node-1', svcs, eps)
      return tracePacket(buildIptables(mm), { src: '10.244.1.9', dst: '10.244.2.8', proto: 'tcp', sport: 1, dport: 80 }, opts(mm)).rulesTraversed
    }
    expect(cost(20) - cost(10)).toBe(10)
    expect(cost(110) - cost(10)).toBe(100)
  })
})

describe('NodePort', () => {
  const fromOutside = (m: ProxyModel): Packet => ({ src: '172.16.0.9', dst: m.nodeIP, proto: 'tcp', sport: 50000, dport: 30080 })

  it('externalTrafficPolicy=Cluster: any node DNATs and masquerades (SNAT to the receiving node)', () => {
    const m = webModel('node-3', { type: 'NodePort', nodePort: 30080 })
    const res = tracePacket(buildIptables(m), fromOutside(m), opts(m, { from: 'network', rand: fixed(0.7) }))
    expect(res).toMatchObject({ verdict: 'ACCEPT', delivery: 'forward', endpoint: '10.244.2.7:8080', masqueraded: true })
    expect(res.packet.src).toBe(NODE_IPS['node-3'])
  })

  it('externalTrafficPolicy=Local on a node without a local endpoint: DROP', () => {
    const m = webModel('node-3', { type: 'NodePort', nodePort: 30080, externalTrafficPolicy: 'Local' })
    const res = tracePacket(buildIptables(m), fromOutside(m), opts(m, { from: 'network' }))
    expect(res.verdict).toBe('DROP')
    expect(res.hooks.at(-1)).toMatchObject({ table: 'filter', hook: 'INPUT', verdict: 'DROP' })
    expect(restoreLine(res.hooks.at(-1)!.rule!)).toContain('"default/web has no local endpoints"')
  })

  it('externalTrafficPolicy=Local on a node with one: its own endpoint, client IP kept', () => {
    const m = webModel('node-2', { type: 'NodePort', nodePort: 30080, externalTrafficPolicy: 'Local' })
    const res = tracePacket(buildIptables(m), fromOutside(m), opts(m, { from: 'network', rand: fixed(0.01) }))
    expect(res).toMatchObject({ verdict: 'ACCEPT', endpoint: '10.244.2.7:8080', masqueraded: false })
    expect(res.packet.src).toBe('172.16.0.9')
  })

  it('a pod using a Local NodePort is short-circuited to the cluster endpoints', () => {
    const m = webModel('node-3', { type: 'NodePort', nodePort: 30080, externalTrafficPolicy: 'Local' })
    const res = tracePacket(buildIptables(m), { src: '10.244.3.4', dst: m.nodeIP, proto: 'tcp', sport: 1, dport: 30080 }, opts(m, { rand: fixed(0.2) }))
    expect(res).toMatchObject({ verdict: 'ACCEPT', endpoint: '10.244.1.5:8080' })
  })

  it('localhost NodePorts work from the host and are masqueraded', () => {
    const m = webModel('node-1', { type: 'NodePort', nodePort: 30080 })
    const res = tracePacket(buildIptables(m), { src: '127.0.0.1', dst: '127.0.0.1', proto: 'tcp', sport: 1, dport: 30080 }, opts(m, { from: 'host' }))
    expect(res.endpoint).toBe('10.244.1.5:8080')
    expect(res.masqueraded).toBe(true)
  })

  it('with no endpoints the node port is REJECTed in filter INPUT', () => {
    const m = webModel('node-1', { type: 'NodePort', nodePort: 30080 }, [])
    expect(tracePacket(buildIptables(m), fromOutside(m), opts(m, { from: 'network' })).verdict).toBe('REJECT')
  })
})

describe('LoadBalancer with loadBalancerSourceRanges', () => {
  const m = webModel('node-1', { type: 'LoadBalancer', nodePort: 30080, loadBalancerIPs: ['203.0.113.10'], loadBalancerSourceRanges: ['198.51.100.0/24'] })
  const t = buildIptables(m)
  const toLB = (src: string): Packet => ({ src, dst: '203.0.113.10', proto: 'tcp', sport: 1, dport: 80 })

  it('an allowed source goes KUBE-FW → KUBE-EXT → KUBE-SVC', () => {
    const res = tracePacket(t, toLB('198.51.100.20'), opts(m, { from: 'network' }))
    expect(res).toMatchObject({ verdict: 'ACCEPT', endpoint: '10.244.1.5:8080', masqueraded: true })
    expect(res.steps.some((s) => s.matched && s.chain === 'KUBE-FW-LOLE4ISW44XBNF3G')).toBe(true)
  })

  it('any other source falls through KUBE-FW and is dropped by KUBE-PROXY-FIREWALL', () => {
    const res = tracePacket(t, toLB('192.0.2.1'), opts(m, { from: 'network' }))
    expect(res.verdict).toBe('DROP')
    expect(res.endpoint).toBeUndefined()
    expect(restoreLine(res.hooks.at(-1)!.rule!)).toBe(
      '-A KUBE-PROXY-FIREWALL -m comment --comment "default/web traffic not accepted by KUBE-FW-LOLE4ISW44XBNF3G" -m tcp -p tcp -d 203.0.113.10 --dport 80 -j DROP')
  })
})

describe('ExternalIPs', () => {
  it('are DNATed through KUBE-EXT and masqueraded', () => {
    const m = webModel('node-1', { externalIPs: ['203.0.113.7'] })
    const res = tracePacket(buildIptables(m), { src: '192.0.2.1', dst: '203.0.113.7', proto: 'tcp', sport: 1, dport: 80 }, opts(m, { from: 'network', rand: fixed(0.6) }))
    expect(res).toMatchObject({ verdict: 'ACCEPT', endpoint: '10.244.2.7:8080', masqueraded: true })
  })
})

describe('ClientIP session affinity (-m recent)', () => {
  const m = webModel('node-1', { sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 60 })
  const t = buildIptables(m)

  it('sticks to the first endpoint until the timeout, then draws again', () => {
    const recent: RecentLists = {}
    const first = tracePacket(t, toWeb(), opts(m, { recent, now: 0, rand: fixed(0.9) }))
    expect(first.endpoint).toBe('10.244.2.7:8080')
    expect(recent).toEqual({ 'KUBE-SEP-CBPCTALQVABL5M2H': { '10.244.1.9': 0 } })
    // The draw would pick the other endpoint; the recent list wins.
    const again = tracePacket(t, toWeb(), opts(m, { recent, now: 30_000, rand: fixed(0.1) }))
    expect(again.endpoint).toBe('10.244.2.7:8080')
    expect(recent['KUBE-SEP-CBPCTALQVABL5M2H']['10.244.1.9']).toBe(30_000)
    // Exactly 60 s after the last --set still matches; later it does not (and is reaped).
    expect(tracePacket(t, toWeb(), opts(m, { recent, now: 90_000, rand: fixed(0.1) })).endpoint).toBe('10.244.2.7:8080')
    const later = tracePacket(t, toWeb(), opts(m, { recent, now: 150_001, rand: fixed(0.1) }))
    expect(later.endpoint).toBe('10.244.1.5:8080')
    expect(recent['KUBE-SEP-CBPCTALQVABL5M2H']).toEqual({})
  })

  it('affinity is per client IP', () => {
    const recent: RecentLists = {}
    tracePacket(t, toWeb('10.244.1.9'), opts(m, { recent, rand: fixed(0.9) }))
    expect(tracePacket(t, toWeb('10.244.3.3'), opts(m, { recent, rand: fixed(0.1) })).endpoint).toBe('10.244.1.5:8080')
  })
})
