import { describe, expect, it } from 'vitest'
import { testContext } from '../testing/context'
import type { KObject } from '../api/types'
import { KubeProxy } from './kube-proxy'
import { LATENCY } from '../latency'

function svc(name: string, spec: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }], ...spec } }
}

function slice(svcName: string, eps: { ip: string; node: string; ready?: boolean }[]): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: `${svcName}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': svcName } },
    addressType: 'IPv4', ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    endpoints: eps.map((e) => ({ addresses: [e.ip], nodeName: e.node, conditions: { ready: e.ready ?? true } })),
  }
}

function setup(mode: 'iptables' | 'ipvs' | 'userspace' = 'iptables') {
  const ctx = testContext(1)
  ctx.api.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { podCIDR: '10.244.1.0/24' },
    status: { addresses: [{ type: 'InternalIP', address: '172.18.0.2' }] } })
  const kp = new KubeProxy(ctx, { nodeName: 'node-1', nodeIP: '0.0.0.0', mode })
  return { ctx, kp }
}

const syncTimes = (ctx: ReturnType<typeof testContext>) =>
  ctx.records.since(0).filter((r) => r.type === 'controller' && r.action === 'SyncProxyRules').map((r) => r.time)

describe('KubeProxy', () => {
  it('syncs at start, then at most once per min-sync-period however many changes arrive', () => {
    const { ctx, kp } = setup()
    kp.start()
    ctx.clock.settle()
    expect(syncTimes(ctx)).toEqual([0])
    ctx.clock.advance(100)
    ctx.api.create('services', svc('a'))
    ctx.clock.advance(100)
    ctx.api.create('services', svc('b'))
    ctx.api.create('endpointslices', slice('b', [{ ip: '10.244.1.5', node: 'node-1' }]))
    ctx.clock.settle()
    // The three changes at 100 ms and 200 ms are programmed together, 1 s after the first sync.
    expect(syncTimes(ctx)).toEqual([0, 1000])
    ctx.clock.advance(5000)
    ctx.api.create('services', svc('c'))
    ctx.clock.settle()
    // Idle for longer than the period: the next change syncs as soon as the watch delivers it.
    expect(syncTimes(ctx)).toEqual([0, 1000, 6000 + LATENCY.watchMs])
    expect(kp.status()).toMatchObject({ node: 'node-1', mode: 'iptables', running: true, syncs: 3, servicePorts: 3, endpoints: 1, pendingChanges: false, lastSyncAt: 6005, lastSyncTime: '2026-01-01T00:00:06Z' })
  })

  it('reads its node: InternalIP and podCIDR go to the kernel; it records the Starting event', () => {
    const { ctx, kp } = setup()
    kp.start()
    ctx.clock.settle()
    expect(kp.kernel.ip).toBe('172.18.0.2')
    expect(kp.kernel.podCIDR).toBe('10.244.1.0/24')
    const ev = ctx.api.list('events', 'default').items.find((e) => e.source?.component === 'kube-proxy')
    expect(ev).toMatchObject({ reason: 'Starting', message: '', type: 'Normal', involvedObject: { kind: 'Node', name: 'node-1' }, source: { host: 'node-1' } })
  })

  it('counts rules for the UI: REFERENCE 9.7 — a ClusterIP service with n endpoints has 3n+2 nat rules of its own', () => {
    const { ctx, kp } = setup()
    kp.start()
    ctx.clock.settle()
    const before = kp.status().rules.nat
    ctx.api.create('services', svc('web'))
    ctx.api.create('endpointslices', slice('web', [{ ip: '10.244.1.5', node: 'node-1' }, { ip: '10.244.2.7', node: 'node-2' }]))
    ctx.clock.settle()
    expect(kp.status().rules.nat - before).toBe(3 * 2 + 2)
  })

  it('stopped: the kernel keeps its rules but stops following changes; its health server is gone', () => {
    const { ctx, kp } = setup()
    kp.start()
    ctx.api.create('services', svc('web'))
    ctx.clock.settle()
    expect(kp.kernel.process?.http(10256, '/healthz')?.status).toBe(200)
    kp.stop()
    const tables = kp.kernel.iptables
    ctx.api.create('services', svc('late'))
    ctx.clock.settle()
    expect(kp.kernel.iptables).toBe(tables)
    expect(kp.kernel.iptables.nat.rules.some((r) => r.svc === 'default/late')).toBe(false)
    expect(kp.kernel.iptables.filter.rules.some((r) => r.svc === 'default/web')).toBe(true)
    expect(kp.kernel.process).toBeUndefined()
    expect(kp.status().running).toBe(false)
  })

  it('switching mode cleans up the other mode (CleanupLeftovers) and programs the new one', () => {
    const { ctx, kp } = setup()
    kp.start()
    ctx.api.create('services', svc('web'))
    ctx.api.create('endpointslices', slice('web', [{ ip: '10.244.1.5', node: 'node-1' }]))
    ctx.clock.settle()
    kp.setMode('ipvs')
    ctx.clock.settle()
    expect(kp.kernel.mode).toBe('ipvs')
    expect(kp.kernel.iptables.nat.chains.filter((c) => /^KUBE-(SVC|SEP)-/.test(c))).toEqual([])
    expect(kp.status().ipvs).toEqual({ virtualServers: 1, realServers: 1 })
    kp.setMode('userspace')
    ctx.clock.settle()
    expect(kp.kernel.ipvs).toBeUndefined()
    expect(kp.status().userspace).toEqual({ proxyPorts: 1 })
    expect(kp.kernel.process?.userspace?.ports['default/web'].port).toBeGreaterThanOrEqual(32768)
  })

  it('/healthz answers like proxier_health.go', () => {
    const { ctx, kp } = setup()
    kp.start()
    ctx.clock.settle()
    ctx.clock.advance(1500)
    expect(kp.kernel.process?.http(10256, '/healthz')).toEqual({
      status: 200, headers: [['Content-Type', 'application/json'], ['X-Content-Type-Options', 'nosniff']],
      body: '{"lastUpdated": "2026-01-01 00:00:01.500 +0000 UTC","currentTime": "2026-01-01 00:00:01.500 +0000 UTC", "nodeEligible": true}',
    })
    expect(kp.kernel.process?.http(10256, '/metrics')?.status).toBe(404)
  })

  it('a health-check node port answers 200 only with a local ready endpoint (service_health.go)', () => {
    const { ctx, kp } = setup()
    kp.start()
    const s = ctx.api.create('services', svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }))
    const hc: number = s.spec.healthCheckNodePort
    ctx.api.create('endpointslices', slice('lb', [{ ip: '10.244.2.7', node: 'node-2' }]))
    ctx.clock.settle()
    const no = kp.kernel.process?.http(hc, '/')
    expect(no?.status).toBe(503)
    expect(no?.body).toBe('{\n\t"service": {\n\t\t"namespace": "default",\n\t\t"name": "lb"\n\t},\n\t"localEndpoints": 0,\n\t"serviceProxyHealthy": true\n}')
    ctx.api.delete('endpointslices', 'default', 'lb-abcde')
    ctx.api.create('endpointslices', slice('lb', [{ ip: '10.244.1.9', node: 'node-1' }]))
    ctx.clock.settle()
    const yes = kp.kernel.process?.http(hc, '/')
    expect(yes?.status).toBe(200)
    expect(yes?.headers).toContainEqual(['X-Load-Balancing-Endpoint-Weight', '1'])
  })
})
