import { describe, expect, it } from 'vitest'
import type { ApiRecord } from '../records'
import type { KObject } from '../api/types'
import { ReplicaSetController } from './replicaset'
import { GarbageCollector } from './garbagecollector'
import { controllerRecords, listPods, makeContext, pod, replicaSet, type TestContext } from './test-harness'

const GC = 'generic-garbage-collector'

function setup(replicas = 3) {
  const ctx = makeContext()
  const gc = new GarbageCollector(ctx)
  const rsc = new ReplicaSetController(ctx)
  gc.start()
  rsc.start()
  const rs = ctx.api.create('replicasets', replicaSet('web', replicas), { actor: 'kubectl' })
  ctx.clock.settle()
  return { ctx, gc, rs }
}
const gcCalls = (ctx: TestContext, verb: ApiRecord['verb']) =>
  ctx.records.since(0).filter((r): r is ApiRecord => r.type === 'api' && r.actor === GC && r.verb === verb)
/** etcd revisions of DELETED events, by resource. */
function deletions(ctx: TestContext) {
  return ctx.etcd.eventsSince(0).filter((e) => e.type === 'DELETED').map((e) => ({ kind: e.object.kind, name: e.object.metadata.name, rev: e.revision }))
}

describe('GarbageCollector', () => {
  it('watches every registered kind but events', () => {
    const ctx = makeContext()
    const watched = new GarbageCollector(ctx).resources()
    expect(watched).toEqual(ctx.api.registry.all().map((d) => d.resource).filter((r) => r !== 'events'))
    expect(watched).toEqual(expect.arrayContaining(['pods', 'replicasets']))
    expect(new GarbageCollector(ctx, { resources: ['pods'] }).resources()).toEqual(['pods'])
  })

  it('Background: deleting the ReplicaSet makes the collector delete its pods', () => {
    const { ctx, rs } = setup()
    expect(listPods(ctx)).toHaveLength(3)
    ctx.api.delete('replicasets', 'default', 'web', { actor: 'kubectl', propagationPolicy: 'Background' })
    ctx.clock.settle()
    expect(listPods(ctx)).toHaveLength(0)
    expect(gcCalls(ctx, 'delete')).toHaveLength(3)
    const recs = controllerRecords(ctx, GC).filter((r) => r.action === 'delete')
    expect(recs).toHaveLength(3)
    expect(recs[0].key).toMatch(/^pods\/default\/web-/)
    expect(recs[0].detail).toBe(`owner ReplicaSet web (uid ${rs.metadata.uid}) is gone: deleting with propagationPolicy Background`)
  })

  it('Orphan: pods stay, without ownerReferences; then the ReplicaSet goes', () => {
    const { ctx } = setup()
    const deleting = ctx.api.delete('replicasets', 'default', 'web', { actor: 'kubectl', propagationPolicy: 'Orphan' })
    expect(deleting.metadata.finalizers).toEqual(['orphan'])
    ctx.clock.settle()
    expect(ctx.api.peek('replicasets', 'default', 'web')).toBeUndefined()
    const pods = listPods(ctx)
    expect(pods).toHaveLength(3)
    for (const p of pods) expect(p.metadata.ownerReferences).toBeUndefined()
    expect(controllerRecords(ctx, GC).map((r) => r.action)).toEqual(['orphan', 'remove-finalizer'])
  })

  it('Foreground: the pods are deleted first, then the ReplicaSet', () => {
    const { ctx } = setup()
    const deleting = ctx.api.delete('replicasets', 'default', 'web', { actor: 'kubectl', propagationPolicy: 'Foreground' })
    expect(deleting.metadata.finalizers).toEqual(['foregroundDeletion'])
    ctx.clock.settle()
    expect(listPods(ctx)).toHaveLength(0)
    expect(ctx.api.peek('replicasets', 'default', 'web')).toBeUndefined()
    const del = deletions(ctx)
    const rsRev = del.find((d) => d.kind === 'ReplicaSet')!.rev
    const podRevs = del.filter((d) => d.kind === 'Pod').map((d) => d.rev)
    expect(podRevs).toHaveLength(3)
    expect(Math.max(...podRevs)).toBeLessThan(rsRev)
  })

  it('Foreground waits for pods that terminate gracefully (blockOwnerDeletion)', () => {
    const { ctx } = setup(2)
    for (const p of listPods(ctx)) ctx.api.bind('default', p.metadata.name as string, 'node-1')
    ctx.clock.settle()
    ctx.api.delete('replicasets', 'default', 'web', { actor: 'kubectl', propagationPolicy: 'Foreground' })
    ctx.clock.settle()
    const pods = listPods(ctx)
    expect(pods).toHaveLength(2)
    for (const p of pods) expect(p.metadata.deletionTimestamp).toBeDefined()
    expect(ctx.api.peek('replicasets', 'default', 'web')?.metadata.finalizers).toEqual(['foregroundDeletion'])
    expect(controllerRecords(ctx, GC).some((r) => r.action === 'wait' && r.detail.startsWith('foreground deletion: waiting for 2 blocking dependent(s)'))).toBe(true)
    // The kubelet confirms the first pod: still one to wait for.
    ctx.api.delete('pods', 'default', pods[0].metadata.name as string, { actor: 'kubelet/node-1', gracePeriodSeconds: 0 })
    ctx.clock.settle()
    expect(ctx.api.peek('replicasets', 'default', 'web')).toBeDefined()
    ctx.api.delete('pods', 'default', pods[1].metadata.name as string, { actor: 'kubelet/node-1', gracePeriodSeconds: 0 })
    ctx.clock.settle()
    expect(ctx.api.peek('replicasets', 'default', 'web')).toBeUndefined()
  })

  it('deletes a pod whose only owner never existed (verified with a live read)', () => {
    const ctx = makeContext()
    new GarbageCollector(ctx).start()
    const ghost = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'ghost', uid: 'no-such-uid', controller: true }
    ctx.api.create('pods', pod('lonely', { app: 'x' }, { ownerReferences: [ghost] }) as KObject, { actor: 'kubectl' })
    ctx.clock.settle()
    expect(ctx.api.peek('pods', 'default', 'lonely')).toBeUndefined()
    expect(gcCalls(ctx, 'get').some((r) => r.resource === 'replicasets' && r.name === 'ghost' && r.code === 404)).toBe(true)
  })

  it('a dependent with one owner left keeps living, minus the reference to the gone one', () => {
    const { ctx, rs } = setup(0)
    const ghost = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'ghost', uid: 'no-such-uid' }
    const live = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid as string }
    ctx.api.create('pods', pod('shared', { other: 'x' }, { ownerReferences: [ghost, live] }) as KObject, { actor: 'kubectl' })
    ctx.clock.settle()
    expect(ctx.api.get('pods', 'default', 'shared').metadata.ownerReferences).toEqual([live])
    expect(controllerRecords(ctx, GC).find((r) => r.action === 'remove-owner-references')?.detail).toBe(
      '1 owner(s) still exist; removing references to ReplicaSet ghost (uid no-such-uid)',
    )
  })

  it('an owner of a kind not served (yet) keeps its dependents, and settle() still finishes', () => {
    const ctx = makeContext()
    new GarbageCollector(ctx).start()
    const dep = { apiVersion: 'example.com/v1', kind: 'Widget', name: 'web', uid: 'dep-uid', controller: true }
    ctx.api.create('pods', pod('kept', { app: 'x' }, { ownerReferences: [dep] }) as KObject, { actor: 'kubectl' })
    ctx.clock.settle()
    expect(ctx.api.peek('pods', 'default', 'kept')).toBeDefined()
    expect(ctx.clock.pendingForeground()).toBe(0)
    // Retries back off exponentially: a minute brings a handful of attempts, not thousands.
    const byKind = ctx.api.registry.byKind.bind(ctx.api.registry)
    let lookups = 0
    ctx.api.registry.byKind = (kind, v) => {
      if (kind === 'Widget') lookups++
      return byKind(kind, v)
    }
    ctx.clock.advance(60_000)
    expect(lookups).toBeGreaterThan(0)
    expect(lookups).toBeLessThan(20)
  })
})
