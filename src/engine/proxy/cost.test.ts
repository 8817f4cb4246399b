import { describe, expect, it } from 'vitest'
import { iptablesServiceLookupRules, IPVS_NAT_RULES_CLUSTER_IP, modelledCost, PERF_FACTS } from './cost'
import { ep, proxyModel, webService } from './fixtures'
import { tracePacket } from './iptables/evaluate'
import { buildIptables } from './iptables/rules'
import { buildIpvs } from './ipvs/ipvs'
import { traceIpvs } from './ipvs/path'
import { newIpvsRuntime } from './ipvs/schedulers'
import type { Step } from './iptables/evaluate'

/** Rules tried in the first hook (nat PREROUTING) of a trace. */
const preroutingRules = (steps: Step[]): number => steps.findIndex((s) => s.table !== 'nat' || s.chain === 'KUBE-POSTROUTING')

function cluster(services: number, endpoints: number, affinity = false) {
  const svcs = Array.from({ length: services }, (_, i) =>
    webService({ name: `s${String(i).padStart(4, '0')}`, clusterIP: `10.96.${Math.floor(i / 250)}.${(i % 250) + 1}`, sessionAffinity: affinity ? 'ClientIP' : 'None' }))
  const eps = Object.fromEntries(svcs.map((s) => [`default/${s.name}`, Array.from({ length: endpoints }, (_, j) => ep(`10.244.2.${j + 10}`, 8080, 'node-2'))]))
  return { svcs, model: proxyModel('node-1', svcs, eps) }
}

describe('the iptables cost model agrees with the tracer', () => {
  it.each([
    // [services, endpoints, target service index (0-based), rand, affinity]
    [1, 2, 0, 0.1, false],
    [10, 3, 6, 0.9, false],
    [50, 4, 49, 0.3, true],
  ])('%i services × %i endpoints, service #%i', (n, e, k, r, affinity) => {
    const { svcs, model } = cluster(n, e, affinity)
    const res = tracePacket(buildIptables(model), { src: '10.244.1.9', dst: svcs[k].clusterIP, proto: 'tcp', sport: 1, dport: 80 },
      { from: 'pod', rand: () => r, now: 0, recent: {}, localAddresses: [model.nodeIP] })
    // The cascade rule that matched: its position in KUBE-SVC after the masquerade and affinity rules.
    const hit = res.steps.find((s) => s.matched && s.chain.startsWith('KUBE-SVC-') && s.rule.args.every((a) => a.m !== 'recent') && s.rule.target?.j === 'chain')!
    const endpointIndex = hit.index - 1 - (affinity ? e : 0) + 1
    expect(preroutingRules(res.steps)).toBe(iptablesServiceLookupRules({ servicePosition: k + 1, endpoints: e, endpointIndex, affinity }))
    expect(res.endpoint).toBeDefined()
  })
})

describe('the IPVS cost model agrees with the tracer and stays flat', () => {
  it.each([1, 30, 300])('%i services', (n) => {
    const { svcs, model } = cluster(n, 2)
    const res = traceIpvs(buildIpvs(model), newIpvsRuntime(), { src: '10.244.1.9', dst: svcs[n - 1].clusterIP, proto: 'tcp', sport: 1, dport: 80 },
      { from: 'pod', rand: () => 0, now: 0, recent: {}, localAddresses: [model.nodeIP] })
    expect(preroutingRules(res.steps)).toBe(IPVS_NAT_RULES_CLUSTER_IP)
    expect(res.ipvsLookups).toBe(1)
  })
})

describe('modelledCost', () => {
  it('grows linearly with services for iptables and userspace, not for IPVS', () => {
    const at = (mode: 'iptables' | 'ipvs' | 'userspace', n: number) => modelledCost(mode, n, 4).rulesTraversed
    expect(at('iptables', 10_001) - at('iptables', 1)).toBe(5000)
    expect(at('userspace', 10_001) - at('userspace', 1)).toBe(5000)
    expect(at('ipvs', 10_001)).toBe(at('ipvs', 1))
  })
  it('userspace copies every byte through a process over two connections', () => {
    expect(modelledCost('userspace', 1, 1)).toMatchObject({ copiesPerByte: 2, tcpConnections: 2 })
    expect(modelledCost('iptables', 1, 1)).toMatchObject({ copiesPerByte: 0, tcpConnections: 1 })
  })
  it('carries REFERENCE 12 figures with sources', () => {
    expect(PERF_FACTS.P7.figures).toEqual({ podToPodPct: 100, userspacePct: 36, iptablesPct: 96 })
    expect(PERF_FACTS.P3.figures).toMatchObject({ iptablesCpuPct: 35, ipvsCpuPct: 8 })
    expect(PERF_FACTS.P1.figures).toMatchObject({ addRule5000: '11 min', addRule20000: '5 hours' })
    for (const [k, f] of Object.entries(PERF_FACTS)) {
      expect(f.id).toBe(k)
      expect(f.source.length).toBeGreaterThan(10)
    }
  })
})
