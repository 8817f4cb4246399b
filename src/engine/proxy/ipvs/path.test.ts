import { describe, expect, it } from 'vitest'
import { ep, proxyModel, webModel, webService, NODE_IPS } from '../fixtures'
import type { TraceOptions } from '../iptables/evaluate'
import type { ProxyModel } from '../model'
import { buildIpvs } from './ipvs'
import { traceIpvs } from './path'
import { newIpvsRuntime } from './schedulers'

const opts = (m: ProxyModel, over: Partial<TraceOptions> = {}): TraceOptions => ({
  from: 'pod', rand: () => 0, now: 0, recent: {}, localAddresses: [m.nodeIP], ...over,
})

describe('IPVS packet path (REFERENCE 10.5)', () => {
  it('pod → ClusterIP: accepted in nat, IPVS picks round robin, no masquerade', () => {
    const m = webModel('node-1')
    const s = buildIpvs(m)
    const rt = newIpvsRuntime()
    const pkt = { src: '10.244.1.9', dst: '10.96.45.12', proto: 'tcp' as const, sport: 1, dport: 80 }
    const a = traceIpvs(s, rt, pkt, opts(m))
    const b = traceIpvs(s, rt, pkt, opts(m))
    expect([a.endpoint, b.endpoint]).toEqual(['10.244.1.5:8080', '10.244.2.7:8080'])
    expect(a).toMatchObject({ verdict: 'ACCEPT', delivery: 'forward', masqueraded: false, ipvsLookups: 1 })
    expect(a.hooks.map((h) => `${h.table}/${h.hook}`)).toEqual(['nat/PREROUTING', 'filter/INPUT', 'filter/OUTPUT', 'nat/POSTROUTING'])
    expect(rt.conns['TCP:10.96.45.12:80/10.244.1.5:8080']).toEqual({ active: 1, inactive: 0 })
  })

  it('hairpin is masqueraded by the KUBE-LOOP-BACK set', () => {
    const m = webModel('node-1')
    const r = traceIpvs(buildIpvs(m), newIpvsRuntime(), { src: '10.244.1.5', dst: '10.96.45.12', proto: 'tcp', sport: 1, dport: 80 }, opts(m))
    expect(r.endpoint).toBe('10.244.1.5:8080')
    expect(r.masqueraded).toBe(true)
  })

  it('NodePort from outside: marked in KUBE-NODE-PORT, then masqueraded', () => {
    const m = webModel('node-3', { type: 'NodePort', nodePort: 30080 })
    const r = traceIpvs(buildIpvs(m), newIpvsRuntime(), { src: '172.16.0.9', dst: m.nodeIP, proto: 'tcp', sport: 1, dport: 30080 }, opts(m, { from: 'network' }))
    expect(r).toMatchObject({ verdict: 'ACCEPT', endpoint: '10.244.1.5:8080', masqueraded: true })
    expect(r.packet.src).toBe(NODE_IPS['node-3'])
  })

  it('eTP=Local without a local endpoint: IPVS still forwards, unmasqueraded (unlike iptables mode\'s DROP)', () => {
    const m = webModel('node-3', { type: 'NodePort', nodePort: 30080, externalTrafficPolicy: 'Local' })
    const r = traceIpvs(buildIpvs(m), newIpvsRuntime(), { src: '172.16.0.9', dst: m.nodeIP, proto: 'tcp', sport: 1, dport: 30080 }, opts(m, { from: 'network' }))
    expect(r).toMatchObject({ verdict: 'ACCEPT', masqueraded: false })
    expect(r.packet.src).toBe('172.16.0.9')
  })

  it('a virtual server without real servers answers ICMP port unreachable (REJECT)', () => {
    const m = webModel('node-1', {}, [])
    const r = traceIpvs(buildIpvs(m), newIpvsRuntime(), { src: '10.244.1.9', dst: '10.96.45.12', proto: 'tcp', sport: 1, dport: 80 }, opts(m))
    expect(r.verdict).toBe('REJECT')
  })

  it('a VIP on a port with no virtual server is rejected by KUBE-IPVS-FILTER', () => {
    const m = webModel('node-1')
    const r = traceIpvs(buildIpvs(m), newIpvsRuntime(), { src: '10.244.1.9', dst: '10.96.45.12', proto: 'tcp', sport: 1, dport: 22 }, opts(m))
    expect(r.verdict).toBe('REJECT')
    expect(r.hooks.at(-1)).toMatchObject({ table: 'filter', hook: 'INPUT' })
  })

  it('from the host, IPVS schedules at LOCAL_OUT and the node IP source is masqueraded', () => {
    const m = webModel('node-1')
    const r = traceIpvs(buildIpvs(m), newIpvsRuntime(), { src: m.nodeIP, dst: '10.96.45.12', proto: 'tcp', sport: 1, dport: 80 }, opts(m, { from: 'host' }))
    expect(r.hooks.map((h) => `${h.table}/${h.hook}`)).toEqual(['nat/OUTPUT', 'filter/OUTPUT', 'nat/POSTROUTING'])
    expect(r).toMatchObject({ verdict: 'ACCEPT', endpoint: '10.244.1.5:8080', masqueraded: true })
  })

  it('the per-packet cost is flat in the number of Services (one hash lookup)', () => {
    const cost = (n: number): number => {
      const svcs = Array.from({ length: n }, (_, i) => webService({ name: `s${String(i).padStart(3, '0')}`, clusterIP: `10.96.1.${i + 1}` }))
      const m = proxyModel('node-1', svcs, Object.fromEntries(svcs.map((s) => [`default/${s.name}`, [ep('10.244.2.7', 8080, 'node-2')]])))
      return traceIpvs(buildIpvs(m), newIpvsRuntime(), { src: '10.244.1.9', dst: '10.96.1.1', proto: 'tcp', sport: 1, dport: 80 }, opts(m)).rulesTraversed
    }
    expect(cost(200)).toBe(cost(2))
  })
})
