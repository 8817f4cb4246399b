import { describe, expect, it } from 'vitest'
import type { ApiRecord } from '../records'
import { ReplicaSetController } from './replicaset'
import { GarbageCollector } from './garbagecollector'
import { NamespaceController } from './namespace'
import { controllerRecords, listPods, makeContext, replicaSet } from './test-harness'

const NC = 'namespace-controller'

function setup() {
  const ctx = makeContext()
  ctx.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }, { actor: 'kubectl' })
  for (const c of [new ReplicaSetController(ctx), new GarbageCollector(ctx), new NamespaceController(ctx)]) c.start()
  ctx.api.create('replicasets', replicaSet('web', 2, { namespace: 'team' }), { actor: 'kubectl' })
  ctx.clock.settle()
  return ctx
}

describe('NamespaceController', () => {
  it('empties a Terminating namespace (pods first), then finalizes it', () => {
    const ctx = setup()
    expect(listPods(ctx, 'team')).toHaveLength(2)
    const t0 = ctx.clock.now()
    expect(ctx.api.delete('namespaces', undefined, 'team', { actor: 'kubectl' }).status?.phase).toBe('Terminating')
    ctx.clock.advance(4_000)
    // namespaceDeletionGracePeriod: nothing happens during the first 5 s.
    expect(listPods(ctx, 'team')).toHaveLength(2)
    ctx.clock.settle()
    expect(ctx.api.peek('namespaces', undefined, 'team')).toBeUndefined()
    expect(ctx.api.list('pods', 'team').items).toEqual([])
    expect(ctx.api.list('replicasets', 'team').items).toEqual([])
    expect(ctx.api.list('events', 'team').items).toEqual([])
    const deletes = ctx.records
      .since(0)
      .filter((r): r is ApiRecord => r.type === 'api' && r.actor === NC && r.verb === 'delete')
      .map((r) => r.resource)
    // Pods before anything else (OrderedNamespaceDeletion), then the namespace itself.
    expect(deletes.slice(0, 2)).toEqual(['pods', 'pods'])
    expect(deletes).toContain('replicasets')
    expect(deletes.at(-1)).toBe('namespaces')
    const fin = controllerRecords(ctx, NC).find((r) => r.action === 'finalize')!
    expect(fin.detail).toMatch(/^namespace is empty: removing the kubernetes finalizer \(deleted 2 pods, .*deleted 1 replicasets\)$/)
    expect(fin.time).toBeGreaterThanOrEqual(t0 + 5_000)
  })

  it('pods terminating gracefully keep it waiting: requeue after estimate/2 + 1 seconds', () => {
    const ctx = setup()
    const names = listPods(ctx, 'team').map((p) => p.metadata.name as string)
    for (const n of names) ctx.api.bind('team', n, 'node-1')
    ctx.clock.settle()
    const t0 = ctx.clock.now()
    ctx.api.delete('namespaces', undefined, 'team', { actor: 'kubectl' })
    ctx.clock.advance(5_100)
    // The pods are terminating (grace 30 s); nothing else has been touched yet.
    for (const p of listPods(ctx, 'team')) expect(p.metadata.deletionTimestamp).toBeDefined()
    expect(ctx.api.list('replicasets', 'team').items).toHaveLength(1)
    expect(controllerRecords(ctx, NC).at(-1)?.detail).toBe('deleted 2 pods; remaining: pods has 2; checking again in 16s (estimate 30s)')
    // The kubelet finishes both pods at t0+10s.
    ctx.clock.advance(t0 + 10_000 - ctx.clock.now())
    for (const n of names) ctx.api.delete('pods', 'team', n, { actor: 'kubelet/node-1', gracePeriodSeconds: 0 })
    ctx.clock.advance(t0 + 20_000 - ctx.clock.now())
    expect(ctx.api.peek('namespaces', undefined, 'team')).toBeDefined()
    ctx.clock.advance(2_000) // the requeue at t0 + 5 s + 16 s
    expect(ctx.api.peek('namespaces', undefined, 'team')).toBeUndefined()
  })

  it('pods still there after their grace period are an error, retried with back-off', () => {
    const ctx = setup()
    for (const p of listPods(ctx, 'team')) ctx.api.bind('team', p.metadata.name as string, 'node-1')
    ctx.clock.settle()
    ctx.api.delete('namespaces', undefined, 'team', { actor: 'kubectl' })
    ctx.clock.advance(40_000)
    expect(ctx.api.peek('namespaces', undefined, 'team')?.status?.phase).toBe('Terminating')
    expect(controllerRecords(ctx, NC).at(-1)).toMatchObject({
      action: 'error',
      detail: 'unexpected items still remain in namespace: team for gvr: /v1, Resource=pods',
    })
  })

  it('leaves namespaces that are not being deleted alone', () => {
    const ctx = setup()
    const nc = new NamespaceController(ctx)
    expect(nc.sync('team')).toEqual({})
    expect(nc.sync('missing')).toEqual({})
    expect(listPods(ctx, 'team')).toHaveLength(2)
  })
})
