import { describe, expect, it } from 'vitest'
import type { KObject } from '../../engine/index'
import { AGGREGATE_OVER, EMPTY_SERVICE_GRAPH, deriveServiceGraph, endpointState, portText, selectorText } from './model'
import { EMPTY_SERVICES_INDEX, servicesIndexDiff, servicesIndexFull } from './services-index'

const svc = (name: string, ns = 'default', extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns, uid: `s-${ns}-${name}` }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...extra },
})
const slice = (svcName: string, eps: { pod: string; ready?: boolean; terminating?: boolean }[], ns = 'default'): KObject => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `${svcName}-abcde`, namespace: ns, uid: `sl-${svcName}`, labels: { 'kubernetes.io/service-name': svcName } },
  addressType: 'IPv4',
  endpoints: eps.map((e, i) => ({ addresses: [`10.244.1.${i + 2}`], conditions: { ready: e.ready ?? true, serving: true, terminating: e.terminating ?? false }, targetRef: { kind: 'Pod', name: e.pod, uid: `p-${e.pod}` } })),
})
const byUid = (...objs: KObject[]) => Object.fromEntries(objs.map((o) => [o.metadata.uid as string, o]))
const idx = (objs: Record<string, KObject>) => servicesIndexFull(EMPTY_SERVICES_INDEX, { objects: Object.values(objs) })

describe('deriveServiceGraph', () => {
  it('draws each Service with its endpoint pods and their state', () => {
    const g = deriveServiceGraph(EMPTY_SERVICE_GRAPH, idx(byUid(svc('web'), slice('web', [{ pod: 'a' }, { pod: 'b', ready: false }, { pod: 'c', ready: false, terminating: true }]))))
    expect(g.slots).toEqual(['s-default-web'])
    expect(g.endpoints['s-default-web']).toEqual([
      { podUid: 'p-a', state: 'ready' },
      { podUid: 'p-b', state: 'notReady' },
      { podUid: 'p-c', state: 'terminating' },
    ])
  })

  it('keeps the same object when nothing it draws changed, and slots stable when a Service goes', () => {
    const objs = byUid(svc('a'), svc('b'), svc('c'), slice('b', [{ pod: 'x' }]))
    const g1 = deriveServiceGraph(EMPTY_SERVICE_GRAPH, idx(objs))
    expect(deriveServiceGraph(g1, idx({ ...objs }))).toBe(g1)
    const { ['s-default-a']: _gone, ...rest } = objs
    const g2 = deriveServiceGraph(g1, idx(rest))
    expect(g2.slots).toEqual([null, 's-default-b', 's-default-c'])
    expect(g2.endpoints['s-default-b']).toBe(g1.endpoints['s-default-b'])
    const g3 = deriveServiceGraph(g2, idx({ ...rest, ...byUid(svc('d')) }))
    expect(g3.slots).toEqual(['s-default-d', 's-default-b', 's-default-c'])
  })

  it(`draws a namespace with more than ${AGGREGATE_OVER} Services as one box`, () => {
    const many = Array.from({ length: AGGREGATE_OVER + 1 }, (_, i) => svc(`svc-${i}`, 'scale-test'))
    const g = deriveServiceGraph(EMPTY_SERVICE_GRAPH, idx(byUid(svc('web'), ...many)))
    expect(g.slots).toEqual(['s-default-web'])
    expect(g.aggregated).toEqual([{ namespace: 'scale-test', count: AGGREGATE_OVER + 1 }])
  })

  it('lists the load balancers of LoadBalancer Services with their ingress IPs', () => {
    const lb = { ...svc('web', 'default', { type: 'LoadBalancer' }), status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } } }
    const g = deriveServiceGraph(EMPTY_SERVICE_GRAPH, idx(byUid(lb, svc('api'))))
    expect(g.loadBalancers).toEqual([{ svcUid: 's-default-web', ips: ['172.18.255.200'] }])
  })
})

describe('kubectl-style texts and endpoint states', () => {
  it.each([
    [{ port: 80 }, '80/TCP'],
    [{ port: 80, nodePort: 31234, protocol: 'TCP' }, '80:31234/TCP'],
    [{ port: 53, protocol: 'UDP' }, '53/UDP'],
  ])('portText(%j) = %s', (p, want) => expect(portText(p)).toBe(want))
  it('selectorText', () => expect(selectorText({ app: 'web', tier: 'front' })).toBe('app=web,tier=front'))
  it.each([
    [undefined, 'ready'],
    [{ ready: null }, 'ready'],
    [{ ready: false }, 'notReady'],
    [{ ready: false, serving: true, terminating: true }, 'terminating'],
  ] as const)('endpointState(%j) = %s', (c, want) => expect(endpointState(c)).toBe(want))
})

describe('servicesIndexDiff', () => {
  it('adds, replaces and removes Services and slices per namespace, and leaves other kinds alone', () => {
    const web = svc('web')
    const i1 = servicesIndexDiff(EMPTY_SERVICES_INDEX, {}, { upserts: [web, slice('web', [{ pod: 'a' }]), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', uid: 'p-a' } }], removed: [] })
    expect(Object.keys(i1.byNs)).toEqual(['default'])
    expect(Object.keys(i1.byNs.default.services)).toEqual(['s-default-web'])
    expect(Object.keys(i1.byNs.default.slices)).toEqual(['sl-web'])
    // A diff that touches nothing indexed keeps the same index object.
    expect(servicesIndexDiff(i1, byUid(web), { upserts: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', uid: 'p-b' } }], removed: ['p-a'] })).toBe(i1)
    const i2 = servicesIndexDiff(i1, byUid(web, slice('web', [])), { upserts: [], removed: ['s-default-web', 'sl-web'] })
    expect(i2.byNs).toEqual({})
    expect(i2.version).toBeGreaterThan(i1.version)
    expect(Object.keys(i1.byNs.default.services)).toEqual(['s-default-web'])
  })
})
