import { describe, expect, it } from 'vitest'
import { EndpointsController } from './endpoints'
import { endpointSubsets, truncateSubsets, type EndpointSubset } from './endpoints-subsets'
import { list, node, runningPod, service, servicesContext, setPod } from '../net/fixtures'
import type { KObject, Pod } from '../api/types'

function setup() {
  const ctx = servicesContext()
  node(ctx, 'node-1')
  const c = new EndpointsController(ctx)
  c.start()
  return { ...ctx, c }
}

const ep = (ctx: ReturnType<typeof setup>, name = 'web') => ctx.api.peek('endpoints', 'default', name)
const ips = (addrs?: { ip: string }[]) => (addrs ?? []).map((a) => a.ip)

describe('Endpoints controller', () => {
  it('ready pods → addresses, not ready → notReadyAddresses, sorted by IP string', () => {
    const ctx = setup()
    runningPod(ctx, 'web-a', { ip: '10.244.1.2' })
    runningPod(ctx, 'web-b', { ip: '10.244.1.10' })
    runningPod(ctx, 'web-c', { ip: '10.244.1.3', ready: false })
    const svc = ctx.api.create('services', service('web'))
    ctx.clock.settle()
    const e = ep(ctx)!
    expect(e.subsets).toHaveLength(1)
    // bytes.Compare on the strings: "10.244.1.10" < "10.244.1.2".
    expect(ips(e.subsets[0].addresses)).toEqual(['10.244.1.10', '10.244.1.2'])
    expect(ips(e.subsets[0].notReadyAddresses)).toEqual(['10.244.1.3'])
    expect(e.subsets[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }])
    expect(e.subsets[0].addresses[0]).toEqual({
      ip: '10.244.1.10',
      nodeName: 'node-1',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-b', uid: ctx.api.get('pods', 'default', 'web-b').metadata.uid },
    })
    expect(e.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': svc.metadata.creationTimestamp })
    expect(e.metadata.labels).toBeUndefined()
  })

  it('follows readiness changes', () => {
    const ctx = setup()
    runningPod(ctx, 'web-a', { ip: '10.244.1.2', ready: false })
    ctx.api.create('services', service('web'))
    ctx.clock.settle()
    expect(ep(ctx)!.subsets[0].addresses).toBeUndefined()
    setPod(ctx, 'web-a', { ready: true })
    ctx.clock.settle()
    expect(ips(ep(ctx)!.subsets[0].addresses)).toEqual(['10.244.1.2'])
    expect(ep(ctx)!.subsets[0].notReadyAddresses).toBeUndefined()
  })

  it('terminating pods leave; with publishNotReadyAddresses every pod is an address, terminating or not', () => {
    const ctx = setup()
    runningPod(ctx, 'web-a', { ip: '10.244.1.2' })
    runningPod(ctx, 'web-b', { ip: '10.244.1.3', ready: false })
    ctx.api.create('services', service('web'))
    ctx.api.create('services', service('peers', { selector: { app: 'web' }, publishNotReadyAddresses: true, clusterIP: 'None' }))
    ctx.clock.settle()
    ctx.api.delete('pods', 'default', 'web-a')
    ctx.clock.settle(1000)
    expect(ep(ctx)!.subsets[0].addresses).toBeUndefined()
    expect(ips(ep(ctx)!.subsets[0].notReadyAddresses)).toEqual(['10.244.1.3'])
    const peers = ep(ctx, 'peers')!
    expect(ips(peers.subsets[0].addresses)).toEqual(['10.244.1.2', '10.244.1.3'])
    expect(peers.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' })
  })

  it('no pods: an Endpoints object with no subsets', () => {
    const ctx = setup()
    ctx.api.create('services', service('web', {}, { labels: { app: 'web' } }))
    ctx.clock.settle()
    const e = ep(ctx)!
    expect(e.subsets).toBeUndefined()
    expect(e.metadata.labels).toEqual({ app: 'web' })
  })

  it('selector-less Services keep the Endpoints people write by hand', () => {
    const ctx = setup()
    ctx.api.create('services', service('db', { selector: undefined, ports: [{ port: 5432 }] }))
    ctx.api.create('endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db' }, subsets: [{ addresses: [{ ip: '192.168.1.20' }], ports: [{ port: 5432 }] }] })
    ctx.clock.settle()
    expect(ep(ctx, 'db')!.subsets).toEqual([{ addresses: [{ ip: '192.168.1.20' }], ports: [{ port: 5432, protocol: 'TCP' }] }])
  })

  it('deleting the Service deletes its Endpoints; a deleted Endpoints is written again', () => {
    const ctx = setup()
    runningPod(ctx, 'web-a', { ip: '10.244.1.2' })
    ctx.api.create('services', service('web'))
    ctx.clock.settle()
    ctx.api.delete('endpoints', 'default', 'web')
    ctx.clock.settle()
    expect(ep(ctx)).toBeDefined()
    ctx.api.delete('services', 'default', 'web')
    ctx.clock.settle()
    expect(list(ctx, 'endpoints')).toEqual([])
  })

  it('does not rewrite an unchanged object', () => {
    const ctx = setup()
    runningPod(ctx, 'web-a', { ip: '10.244.1.2' })
    ctx.api.create('services', service('web'))
    ctx.clock.settle()
    const rv = ep(ctx)!.metadata.resourceVersion
    ctx.c.sync('default/web')
    expect(ep(ctx)!.metadata.resourceVersion).toBe(rv)
  })
})

describe('endpointSubsets / RepackSubsets', () => {
  const svc = (ports: unknown[], extra: Record<string, unknown> = {}): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { ports, ipFamilies: ['IPv4'], ...extra } })
  const pod = (name: string, ip: string, ready: boolean, containerPorts: { name: string; containerPort: number }[] = []): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'x', ports: containerPorts }] },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  })

  it('multi-port: one subset with both ports', () => {
    const got = endpointSubsets(svc([{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' }]), [pod('a', '10.0.0.1', true)])
    expect(got).toHaveLength(1)
    expect(got[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }])
  })

  it('a named targetPort resolving differently splits the pods into subsets', () => {
    const s = svc([{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }])
    const got = endpointSubsets(s, [pod('a', '10.0.0.1', true, [{ name: 'http', containerPort: 8080 }]), pod('b', '10.0.0.2', true, [{ name: 'http', containerPort: 9090 }]), pod('c', '10.0.0.3', true)])
    expect(got.map((ss) => [ips(ss.addresses).join(), ss.ports?.[0].port])).toEqual([['10.0.0.1', 8080], ['10.0.0.2', 9090]])
  })

  it('headless without ports still lists addresses', () => {
    const got = endpointSubsets(svc([], { clusterIP: 'None' }), [pod('a', '10.0.0.1', true)])
    expect(got).toEqual([{ addresses: [expect.objectContaining({ ip: '10.0.0.1' })] }])
  })

  it('hostname only for pods whose subdomain is the Service', () => {
    const p = pod('a', '10.0.0.1', true)
    p.spec.hostname = 'a'
    p.spec.subdomain = 's'
    expect(endpointSubsets(svc([{ port: 80, targetPort: 80, protocol: 'TCP' }]), [p])[0].addresses?.[0].hostname).toBe('a')
  })

  it('truncates past 1000 addresses, ready first', () => {
    const addr = (i: number) => ({ ip: `10.0.${Math.floor(i / 250)}.${i % 250}` })
    const subsets: EndpointSubset[] = [{ addresses: Array.from({ length: 900 }, (_, i) => addr(i)), notReadyAddresses: Array.from({ length: 300 }, (_, i) => addr(1000 + i)) }]
    expect(truncateSubsets(subsets)).toBe(true)
    expect(subsets[0].addresses).toHaveLength(900)
    expect(subsets[0].notReadyAddresses).toHaveLength(100)
  })
})
