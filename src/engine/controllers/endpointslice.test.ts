import { describe, expect, it } from 'vitest'
import { EndpointSliceController } from './endpointslice'
import { reconcileSlices, MAX_ENDPOINTS_PER_SLICE } from './endpointslice-reconcile'
import { list, node, runningPod, service, servicesContext, setPod } from '../net/fixtures'
import type { KObject, Pod } from '../api/types'

function setup() {
  const ctx = servicesContext()
  node(ctx, 'node-1', 'zone-a')
  node(ctx, 'node-2')
  const c = new EndpointSliceController(ctx)
  c.start()
  return { ...ctx, c }
}

const slices = (ctx: ReturnType<typeof setup>, svc = 'web') =>
  list(ctx, 'endpointslices').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc)

describe('EndpointSlice controller', () => {
  it('one slice named <svc>-<5 chars>, labelled, owned, listing the pods with their conditions', () => {
    const ctx = setup()
    runningPod(ctx, 'web-a', { ip: '10.244.1.5', node: 'node-1' })
    runningPod(ctx, 'web-b', { ip: '10.244.2.7', node: 'node-2', ready: false })
    const svc = ctx.api.create('services', service('web'))
    ctx.clock.settle()
    const [s] = slices(ctx)
    expect(s.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(s.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' })
    expect(s.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }])
    expect(s.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe(svc.metadata.creationTimestamp)
    expect(s.addressType).toBe('IPv4')
    expect(s.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }])
    expect(s.endpoints).toEqual([
      {
        addresses: ['10.244.1.5'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: ctx.api.get('pods', 'default', 'web-a').metadata.uid },
        nodeName: 'node-1',
        zone: 'zone-a',
      },
      {
        addresses: ['10.244.2.7'],
        conditions: { ready: false, serving: false, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-b', uid: ctx.api.get('pods', 'default', 'web-b').metadata.uid },
        nodeName: 'node-2',
      },
    ])
  })

  it('endpoints follow readiness, and the slice keeps its name', () => {
    const ctx = setup()
    runningPod(ctx, 'web-a', { ip: '10.244.1.5', ready: false })
    ctx.api.create('services', service('web'))
    ctx.clock.settle()
    const name = slices(ctx)[0].metadata.name
    expect(slices(ctx)[0].endpoints[0].conditions.ready).toBe(false)
    ctx.clock.advance(5000)
    setPod(ctx, 'web-a', { ready: true })
    ctx.clock.settle()
    const [s] = slices(ctx)
    expect(s.metadata.name).toBe(name)
    expect(s.endpoints[0].conditions).toEqual({ ready: true, serving: true, terminating: false })
    // The pod's Ready transition is the new trigger time.
    expect(s.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe('2026-01-01T00:00:05Z')
  })

  it('terminating pods stay, serving but not ready; publishNotReadyAddresses makes every pod ready', () => {
    const ctx = setup()
    runningPod(ctx, 'web-a', { ip: '10.244.1.5' })
    runningPod(ctx, 'web-b', { ip: '10.244.1.6', ready: false })
    ctx.api.create('services', service('web'))
    ctx.api.create('services', service('peers', { selector: { app: 'web' }, publishNotReadyAddresses: true }))
    ctx.clock.settle()
    ctx.api.delete('pods', 'default', 'web-a') // graceful: deletionTimestamp, 30 s
    ctx.clock.settle(1000)
    const byPod = (svc: string) => Object.fromEntries(slices(ctx, svc)[0].endpoints.map((e: any) => [e.targetRef.name, e.conditions]))
    expect(byPod('web')).toEqual({
      'web-a': { ready: false, serving: true, terminating: true },
      'web-b': { ready: false, serving: false, terminating: false },
    })
    expect(byPod('peers')).toEqual({
      'web-a': { ready: true, serving: true, terminating: true },
      'web-b': { ready: true, serving: false, terminating: false },
    })
  })

  it('a Service with no matching pod gets one empty placeholder slice, reused when pods come', () => {
    const ctx = setup()
    ctx.api.create('services', service('web'))
    ctx.clock.settle()
    const [p] = slices(ctx)
    expect(p.endpoints).toBeNull()
    expect(p.ports).toBeNull()
    runningPod(ctx, 'web-a', { ip: '10.244.1.5' })
    ctx.clock.settle()
    const after = slices(ctx)
    expect(after).toHaveLength(1)
    expect(after[0].metadata.name).toBe(p.metadata.name)
    expect(after[0].endpoints).toHaveLength(1)
  })

  it('selector-less and ExternalName Services are left alone', () => {
    const ctx = setup()
    ctx.api.create('services', service('manual', { selector: undefined }))
    ctx.api.create('services', service('ext', { type: 'ExternalName', externalName: 'example.com', ports: undefined }))
    ctx.clock.settle()
    expect(list(ctx, 'endpointslices')).toEqual([])
  })

  it('pods without an IP, and finished pods, are not endpoints', () => {
    const ctx = setup()
    runningPod(ctx, 'web-a', { ip: '10.244.1.5' })
    ctx.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-pending', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } })
    runningPod(ctx, 'web-done', { ip: '10.244.1.9', phase: 'Succeeded', ready: false })
    ctx.api.create('services', service('web'))
    ctx.clock.settle()
    expect(slices(ctx)[0].endpoints.map((e: any) => e.targetRef.name)).toEqual(['web-a'])
  })

  it('a named targetPort is resolved per pod: pods with different ports get different slices', () => {
    const ctx = setup()
    runningPod(ctx, 'web-a', { ip: '10.244.1.5' })
    runningPod(ctx, 'web-b', { ip: '10.244.1.6', spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 9090 }] }] } })
    runningPod(ctx, 'web-c', { ip: '10.244.1.7', spec: { containers: [{ name: 'c', image: 'nginx' }] } })
    ctx.api.create('services', service('web', { ports: [{ name: 'web', port: 80, targetPort: 'http' }] }))
    ctx.clock.settle()
    const got = slices(ctx).map((s) => [JSON.stringify(s.ports), s.endpoints.map((e: any) => e.targetRef.name).join()]).sort()
    expect(got).toEqual([
      ['[]', 'web-c'],
      ['[{"name":"web","port":8080,"protocol":"TCP"}]', 'web-a'],
      ['[{"name":"web","port":9090,"protocol":"TCP"}]', 'web-b'],
    ])
  })

  it('hostname only when spec.subdomain names the Service', () => {
    const ctx = setup()
    runningPod(ctx, 'db-0', { ip: '10.244.1.5', labels: { app: 'db' }, spec: { hostname: 'db-0', subdomain: 'db' } })
    runningPod(ctx, 'db-1', { ip: '10.244.1.6', labels: { app: 'db' }, spec: { hostname: 'db-1', subdomain: 'other' } })
    ctx.api.create('services', service('db', { clusterIP: 'None' }))
    ctx.clock.settle()
    const [s] = slices(ctx, 'db')
    expect(s.metadata.labels?.['service.kubernetes.io/headless']).toBe('')
    expect(s.endpoints.map((e: any) => e.hostname)).toEqual(['db-0', undefined])
  })

  it('a Service label change updates its slices; pod status churn does not', () => {
    const ctx = setup()
    runningPod(ctx, 'web-a', { ip: '10.244.1.5' })
    const svc = ctx.api.create('services', service('web'))
    ctx.clock.settle()
    const rv = slices(ctx)[0].metadata.resourceVersion
    const cur = ctx.api.get('pods', 'default', 'web-a')
    ctx.api.update('pods', { ...cur, status: { ...cur.status, startTime: '2026-01-01T00:00:00Z' } }, { subresource: 'status' })
    ctx.clock.settle()
    expect(slices(ctx)[0].metadata.resourceVersion).toBe(rv)
    ctx.api.update('services', { ...ctx.api.get('services', 'default', 'web'), metadata: { ...svc.metadata, resourceVersion: undefined, labels: { tier: 'front' } } })
    ctx.clock.settle()
    expect(slices(ctx)[0].metadata.labels?.tier).toBe('front')
  })

  it('a slice deleted by hand comes back', () => {
    const ctx = setup()
    runningPod(ctx, 'web-a', { ip: '10.244.1.5' })
    ctx.api.create('services', service('web'))
    ctx.clock.settle()
    ctx.api.delete('endpointslices', 'default', slices(ctx)[0].metadata.name as string)
    ctx.clock.settle()
    expect(slices(ctx)).toHaveLength(1)
  })
})

describe('reconcileSlices (pure)', () => {
  const svc: KObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'big', namespace: 'default', uid: 'u1' }, spec: { clusterIP: '10.96.5.5', ipFamilies: ['IPv4'], ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] } }
  const pod = (i: number): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${i}`, namespace: 'default', uid: `uid-${i}` },
    spec: { nodeName: 'n', containers: [] },
    status: { phase: 'Running', podIP: `10.244.${Math.floor(i / 200)}.${i % 200}`, conditions: [{ type: 'Ready', status: 'True' }] },
  })
  const nodeObj = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } }

  it(`at most ${MAX_ENDPOINTS_PER_SLICE} endpoints per slice`, () => {
    const plan = reconcileSlices({ service: svc, pods: Array.from({ length: 250 }, (_, i) => pod(i)), node: () => nodeObj, existing: [] })
    expect(plan.create.map((s) => s.endpoints.length)).toEqual([100, 100, 50])
    expect(plan.update).toEqual([])
  })

  it('a pod on an unknown node is skipped (and reported for a retry)', () => {
    const plan = reconcileSlices({ service: svc, pods: [pod(1)], node: () => undefined, existing: [] })
    expect(plan.missingNodes).toEqual(['n'])
    expect(plan.create[0].endpoints).toBeNull() // the placeholder
  })

  it('removing endpoints updates the slice in place; removing all deletes it and adds the placeholder', () => {
    const first = reconcileSlices({ service: svc, pods: [pod(1), pod(2)], node: () => nodeObj, existing: [] }).create[0]
    const existing = [{ ...first, metadata: { ...first.metadata, name: 'big-abcde' } }]
    const one = reconcileSlices({ service: svc, pods: [pod(1)], node: () => nodeObj, existing })
    expect(one.update.map((s) => [s.metadata.name, s.endpoints.length])).toEqual([['big-abcde', 1]])
    const none = reconcileSlices({ service: svc, pods: [], node: () => nodeObj, existing })
    // finalize turns "delete big-abcde + create placeholder" into one update.
    expect(none.delete).toEqual([])
    expect(none.update.map((s) => [s.metadata.name, s.endpoints])).toEqual([['big-abcde', null]])
  })
})
