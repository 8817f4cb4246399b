import { describe, expect, it } from 'vitest'
import { ServiceLBController, LB_FINALIZER } from './service-lb'
import { service, servicesContext } from '../net/fixtures'
import type { KEvent, KObject } from '../api/types'

function setup() {
  const ctx = servicesContext()
  const c = new ServiceLBController(ctx)
  c.start()
  return { ...ctx, c }
}

const events = (ctx: ReturnType<typeof setup>, svc: KObject) =>
  (ctx.api.list('events', 'default').items as KEvent[])
    .filter((e) => e.involvedObject.uid === svc.metadata.uid)
    .map((e) => `${e.type} ${e.reason} ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`)

describe('service-controller (simulated cloud load balancer)', () => {
  it('a LoadBalancer Service gets the finalizer, an address from the pool and the events', () => {
    const ctx = setup()
    const svc = ctx.api.create('services', service('web', { type: 'LoadBalancer' }))
    ctx.clock.settle()
    const cur = ctx.api.get('services', 'default', 'web')
    expect(cur.metadata.finalizers).toEqual([LB_FINALIZER])
    expect(cur.status.loadBalancer).toEqual({ ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] })
    expect(events(ctx, svc)).toEqual(['Normal EnsuringLoadBalancer Ensuring load balancer', 'Normal EnsuredLoadBalancer Ensured load balancer'])
  })

  it('hands out the pool in order, honours spec.loadBalancerIP, ignores other types and classes', () => {
    const ctx = setup()
    ctx.api.create('services', service('a', { type: 'LoadBalancer' }))
    ctx.api.create('services', service('b', { type: 'LoadBalancer', loadBalancerIP: '172.18.255.210' }))
    ctx.api.create('services', service('c', { type: 'LoadBalancer' }))
    ctx.api.create('services', service('d', { type: 'NodePort' }))
    ctx.api.create('services', service('e', { type: 'LoadBalancer', loadBalancerClass: 'example.com/lb' }))
    ctx.clock.settle()
    const ip = (n: string) => ctx.api.get('services', 'default', n).status.loadBalancer.ingress?.[0]?.ip
    expect(['a', 'b', 'c', 'd', 'e'].map(ip)).toEqual(['172.18.255.200', '172.18.255.210', '172.18.255.201', undefined, undefined])
  })

  it('deleting the Service deletes the balancer first, then the Service goes', () => {
    const ctx = setup()
    const svc = ctx.api.create('services', service('web', { type: 'LoadBalancer' }))
    ctx.clock.settle()
    const marked = ctx.api.delete('services', 'default', 'web')
    expect(marked.metadata.deletionTimestamp).toBeDefined()
    ctx.clock.settle()
    expect(ctx.api.peek('services', 'default', 'web')).toBeUndefined()
    expect(events(ctx, svc).slice(2)).toEqual(['Normal DeletingLoadBalancer Deleting load balancer', 'Normal DeletedLoadBalancer Deleted load balancer'])
    // The address is free again.
    ctx.api.create('services', service('next', { type: 'LoadBalancer' }))
    ctx.clock.settle()
    expect(ctx.api.get('services', 'default', 'next').status.loadBalancer.ingress[0].ip).toBe('172.18.255.200')
  })

  it('LoadBalancer → ClusterIP removes the balancer and the finalizer', () => {
    const ctx = setup()
    ctx.api.create('services', service('web', { type: 'LoadBalancer' }))
    ctx.clock.settle()
    const cur = ctx.api.get('services', 'default', 'web')
    const svc = ctx.api.update('services', { ...cur, spec: { ...cur.spec, type: 'ClusterIP' } })
    ctx.clock.settle()
    const after = ctx.api.get('services', 'default', 'web')
    expect(after.metadata.finalizers).toBeUndefined()
    expect(after.status.loadBalancer).toEqual({})
    expect(events(ctx, svc).slice(2)).toEqual(['Normal Type LoadBalancer -> ClusterIP', 'Normal DeletingLoadBalancer Deleting load balancer', 'Normal DeletedLoadBalancer Deleted load balancer'])
  })

  it('an exhausted pool is a SyncLoadBalancerFailed warning, retried', () => {
    const ctx = servicesContext()
    const c = new ServiceLBController(ctx, { first: '172.18.255.200', last: '172.18.255.200' })
    c.start()
    ctx.api.create('services', service('a', { type: 'LoadBalancer' }))
    const b = ctx.api.create('services', service('b', { type: 'LoadBalancer' }))
    ctx.clock.settle(1000)
    expect(ctx.api.get('services', 'default', 'b').status.loadBalancer).toEqual({})
    const ev = (ctx.api.list('events', 'default').items as KEvent[]).find((e) => e.involvedObject.uid === b.metadata.uid && e.reason === 'SyncLoadBalancerFailed')
    expect(ev?.message).toBe('Error syncing load balancer: failed to ensure load balancer: no available IPs in pool 172.18.255.200-172.18.255.200')
    expect(ev?.count).toBeGreaterThan(1)
  })
})
