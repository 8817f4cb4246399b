/**
 * The scale experiment (REFERENCE 12, P1–P5): 10 → 10,000 Services, iptables vs IPVS.
 *
 *   npx vitest bench --run bench/proxy-scale.bench.ts
 *
 * For each size it measures, on one node:
 *  - sync: one kube-proxy sync as the component runs it (assemble the ProxyModel from the
 *    informer caches, build the tables, install them in the node's kernel), timed from the
 *    change to the programmed kernel;
 *  - packet: the first packet of a connection to a ClusterIP evaluated against the node's
 *    tables (the iptables evaluator walking KUBE-SERVICES, or IPVS's hash lookup), to the
 *    first Service, the middle one and the last one in KUBE-SERVICES.
 * Every Service has two endpoints; one in ten is a NodePort Service.
 * Wall time is used here only: the engine itself never reads it.
 */
import { bench, describe } from 'vitest'
import { testContext } from '../src/engine/testing/context'
import { KubeProxy } from '../src/engine/proxy/kube-proxy'
import { tracePacket } from '../src/engine/proxy/iptables/evaluate'
import { traceIpvs } from '../src/engine/proxy/ipvs/path'
import type { Packet } from '../src/engine/proxy/iptables/match'
import type { ProxyMode } from '../src/engine/proxy/cost'

const SIZES = [10, 100, 1000, 10_000]

function cluster(n: number, mode: ProxyMode) {
  const ctx = testContext(1)
  ctx.api.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { podCIDR: '10.244.1.0/24' },
    status: { addresses: [{ type: 'InternalIP', address: '172.18.0.2' }] } })
  const ips: string[] = []
  for (let i = 0; i < n; i++) {
    const name = `svc-${String(i).padStart(5, '0')}`
    const svc = ctx.api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' },
      spec: { type: i % 10 === 0 ? 'NodePort' : 'ClusterIP', selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } })
    ips.push(svc.spec.clusterIP)
    const a = 2 + ((2 * i) % 250)
    ctx.api.create('endpointslices', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: `${name}-x`, namespace: 'default', labels: { 'kubernetes.io/service-name': name } }, addressType: 'IPv4',
      ports: [{ name: '', port: 8080, protocol: 'TCP' }],
      endpoints: [
        { addresses: [`10.244.${2 + Math.floor(i / 125) % 250}.${a}`], nodeName: 'node-2', conditions: { ready: true } },
        { addresses: [`10.244.${2 + Math.floor(i / 125) % 250}.${a + 1}`], nodeName: 'node-3', conditions: { ready: true } },
      ] })
  }
  const kp = new KubeProxy(ctx, { nodeName: 'node-1', nodeIP: '172.18.0.2', mode })
  kp.start()
  ctx.clock.settle()
  // iptables lists KUBE-SERVICES in ServicePortName order: svc-00000 first, the last name last.
  return { ctx, kp, first: ips[0], middle: ips[Math.floor(n / 2)], last: ips[n - 1] }
}

const syn = (dst: string): Packet => ({ src: '10.244.1.9', sport: 40000, dst, dport: 80, proto: 'tcp' })

for (const mode of ['iptables', 'ipvs'] as const) {
  for (const n of SIZES) {
    const c = cluster(n, mode)
    const k = c.kp.kernel
    const opts = { from: 'pod' as const, rand: () => c.ctx.rng.next(), now: 0, recent: {}, localAddresses: k.localAddresses(), egressIP: () => k.ip, recordMisses: false }
    const packet = (dst: string) => (mode === 'ipvs' && k.ipvs ? traceIpvs(k.ipvs, k.ipvsRuntime, syn(dst), opts) : tracePacket(k.iptables, syn(dst), opts))
    describe(`${mode} ${n} services (${k.iptables.nat.rules.length} nat rules${k.ipvs ? `, ${k.ipvs.virtualServers.length} virtual servers` : ''}; last packet walks ${packet(c.last).rulesTraversed} rules)`, () => {
      bench('sync (a change → kernel programmed)', () => {
        // Touch one Service so the sync has something to do, then let the runner fire.
        c.ctx.clock.advance(1000)
        c.ctx.api.patch('services', 'default', 'svc-00001', { metadata: { labels: { touched: String(c.ctx.clock.now()) } } })
        c.ctx.clock.settle()
      }, { time: 1000, iterations: 3, warmupIterations: 1 })
      bench('packet to the first Service', () => void packet(c.first), { time: 300 })
      bench('packet to the middle Service', () => void packet(c.middle), { time: 300 })
      bench('packet to the last Service', () => void packet(c.last), { time: 300 })
    })
  }
}
