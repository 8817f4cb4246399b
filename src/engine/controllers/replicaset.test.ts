import { describe, expect, it } from 'vitest'
import type { ApiRecord } from '../records'
import type { KObject, ReplicaSet } from '../api/types'
import { ApiError } from '../apiserver/errors'
import { NAME_ALPHABET } from '../rng'
import { ReplicaSetController } from './replicaset'
import { controllerRecords, eventsFor, listPods, makeContext, pod, readyStatus, replicaSet, setPodStatus, type TestContext } from './test-harness'

const ACTOR = 'replicaset-controller'

function setup(rs?: ReplicaSet) {
  const ctx = makeContext()
  const rsc = new ReplicaSetController(ctx)
  rsc.start()
  if (rs) ctx.api.create('replicasets', rs, { actor: 'kubectl' })
  return { ctx, rsc }
}
const getRS = (ctx: TestContext, name = 'web') => ctx.api.get('replicasets', 'default', name) as ReplicaSet
const apiCalls = (ctx: TestContext, pred: (r: ApiRecord) => boolean) =>
  ctx.records.since(0).filter((r): r is ApiRecord => r.type === 'api' && r.actor === ACTOR && pred(r))
function scale(ctx: TestContext, replicas: number, name = 'web') {
  const cur = getRS(ctx, name)
  ctx.api.update('replicasets', { ...cur, spec: { ...cur.spec, replicas } }, { actor: 'kubectl' })
}
/** Slow-start batch sizes as the controller's records report them. */
function batchesFrom(ctx: TestContext): number[] {
  const sizes: number[] = []
  for (const r of controllerRecords(ctx, ACTOR).filter((r) => r.action === 'create')) {
    const m = /slow-start batch (\d+) of size (\d+)/.exec(r.detail)!
    sizes[Number(m[1]) - 1] = (sizes[Number(m[1]) - 1] ?? 0) + 1
  }
  return sizes
}

describe('ReplicaSetController: creating', () => {
  it('an RS of 3 with no scheduler or kubelet creates 3 pods `web-<5 chars>`, owned, labelled, in slow-start order', () => {
    const { ctx } = setup(replicaSet('web', 3))
    ctx.clock.settle()
    const rs = getRS(ctx)
    const pods = listPods(ctx)
    expect(pods).toHaveLength(3)
    const nameRe = new RegExp(`^web-[${NAME_ALPHABET}]{5}$`)
    for (const p of pods) {
      expect(p.metadata.name).toMatch(nameRe)
      expect(p.metadata.generateName).toBe('web-')
      expect(p.metadata.labels).toEqual({ app: 'web' })
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ])
    }
    expect(apiCalls(ctx, (r) => r.verb === 'create' && r.resource === 'pods')).toHaveLength(3)
    expect(batchesFrom(ctx)).toEqual([1, 2])
    expect(eventsFor(ctx, rs).sort()).toEqual(pods.map((p) => `Normal SuccessfulCreate Created pod: ${p.metadata.name}`).sort())
    expect(rs.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 })
  })

  it('scaling 0 → 20 creates in batches 1, 2, 4, 8, 5', () => {
    const { ctx } = setup(replicaSet('web', 0))
    ctx.clock.settle()
    scale(ctx, 20)
    ctx.clock.settle()
    expect(listPods(ctx)).toHaveLength(20)
    expect(batchesFrom(ctx)).toEqual([1, 2, 4, 8, 5])
    expect(controllerRecords(ctx, ACTOR).find((r) => r.action === 'scale-up')?.detail).toBe('need 20, have 0 (diff -20): creating 20 in slow-start batches 1,2,4,8,5')
  })

  it('slow start stops after the first batch with an error; the rest are skipped and retried later', () => {
    const ctx = makeContext()
    const create = ctx.api.create.bind(ctx.api)
    let attempts = 0
    ctx.api.create = (resource, obj, opts) => {
      if (resource === 'pods' && ++attempts === 4) throw new ApiError(403, 'Forbidden', 'pods "web-q" is forbidden: exceeded quota: q')
      return create(resource, obj, opts)
    }
    const rsc = new ReplicaSetController(ctx)
    rsc.start()
    ctx.api.create('replicasets', replicaSet('web', 20), { actor: 'kubectl' })
    ctx.clock.advance(6) // the first sync, before the watch delivers the new pods
    expect(attempts).toBe(7) // batches 1 and 2 succeed, batch 3 (4 pods) has a failure, 8 and 5 never start
    expect(listPods(ctx)).toHaveLength(6)
    // 20 expected − 6 created = 14 that will never be observed.
    expect(rsc.expectations.get('default/web')).toMatchObject({ add: 6 })
    // The same sync reports the failure in status (calculateStatus with the manage error).
    expect(getRS(ctx).status?.conditions).toEqual([
      expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "web-q" is forbidden: exceeded quota: q' }),
    ])
    ctx.clock.settle()
    expect(listPods(ctx)).toHaveLength(20)
    expect(getRS(ctx).status?.conditions).toBeUndefined()
    expect(eventsFor(ctx, getRS(ctx))).toContain('Warning FailedCreate Error creating: pods "web-q" is forbidden: exceeded quota: q')
  })

  it('expectations prevent a second round of creations before the watch delivers the pods', () => {
    const { ctx, rsc } = setup(replicaSet('web', 3))
    ctx.clock.advance(6) // RS observed at 5 ms, synced at 6 ms: 3 pods created, none observed yet
    expect(listPods(ctx)).toHaveLength(3)
    expect(rsc.sync('default/web')).toBeUndefined()
    expect(listPods(ctx)).toHaveLength(3)
    expect(controllerRecords(ctx, ACTOR).map((r) => r.action)).toContain('wait')
    // What the expectations prevent: forget them and the same sync doubles the pods.
    rsc.expectations.deleteExpectations('default/web')
    rsc.sync('default/web')
    expect(listPods(ctx)).toHaveLength(6)
  })

  it('status is written only when it changes', () => {
    const { ctx, rsc } = setup(replicaSet('web', 2))
    ctx.clock.settle()
    const writes = () => apiCalls(ctx, (r) => r.subresource === 'status').length
    const before = writes()
    rsc.sync('default/web')
    expect(writes()).toBe(before)
  })
})

describe('ReplicaSetController: claiming', () => {
  it('adopts a matching orphan pod by patching its ownerReferences, and creates only the rest', () => {
    const ctx = makeContext()
    ctx.api.create('pods', pod('stray', { app: 'web' }), { actor: 'kubectl' })
    const rsc = new ReplicaSetController(ctx)
    rsc.start()
    const rs = ctx.api.create('replicasets', replicaSet('web', 2), { actor: 'kubectl' })
    ctx.clock.settle()
    const stray = ctx.api.get('pods', 'default', 'stray')
    expect(stray.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true })])
    expect(listPods(ctx)).toHaveLength(2)
    expect(apiCalls(ctx, (r) => r.verb === 'patch' && r.resource === 'pods' && r.name === 'stray')).toHaveLength(1)
    expect(controllerRecords(ctx, ACTOR).filter((r) => r.action === 'adopt').map((r) => r.detail)).toEqual([
      'adopted orphan pod default/stray: it matches the selector',
    ])
  })

  it('releases a pod whose labels stop matching and replaces it', () => {
    const { ctx } = setup(replicaSet('web', 2))
    ctx.clock.settle()
    const [first] = listPods(ctx)
    ctx.api.update('pods', { ...first, metadata: { ...first.metadata, labels: { app: 'debug' } } }, { actor: 'kubectl' })
    ctx.clock.settle()
    expect(ctx.api.get('pods', 'default', first.metadata.name as string).metadata.ownerReferences).toBeUndefined()
    expect(listPods(ctx).filter((p) => p.metadata.labels?.app === 'web')).toHaveLength(2)
  })
})

describe('ReplicaSetController: scaling down', () => {
  it('deletes unscheduled, then pending, then not-ready pods, then the more recently ready one', () => {
    const { ctx } = setup(replicaSet('web', 5))
    ctx.clock.settle()
    ctx.clock.advance(3_600_000)
    const t = (agoS: number) => ctx.clock.timestamp(ctx.clock.now() - agoS * 1000)
    const [p0, p1, p2, p3, p4] = listPods(ctx).map((p) => p.metadata.name as string)
    for (const [name, node] of [[p0, 'n1'], [p1, 'n1'], [p2, 'n2'], [p3, 'n2']]) ctx.api.bind('default', name, node)
    setPodStatus(ctx, p0, readyStatus(t(10)))
    setPodStatus(ctx, p1, { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] })
    setPodStatus(ctx, p2, { phase: 'Pending' })
    setPodStatus(ctx, p3, readyStatus(t(1000)))
    ctx.clock.settle()
    scale(ctx, 1)
    ctx.clock.settle()
    const deletes = controllerRecords(ctx, ACTOR).filter((r) => r.action === 'delete').map((r) => r.detail)
    expect(deletes).toEqual([
      `need 1, have 5 (diff +4): deleting ${p4} (rank 0 unscheduled, Pending, not ready)`,
      `need 1, have 5 (diff +4): deleting ${p2} (rank 0 on n2, Pending, not ready)`,
      `need 1, have 5 (diff +4): deleting ${p1} (rank 0 on n1, Running, not ready)`,
      `need 1, have 5 (diff +4): deleting ${p0} (rank 0 on n1, Running, ready)`,
    ])
    // Pods on a node terminate gracefully; the unscheduled and pending-unbound one go at once.
    expect(ctx.api.peek('pods', 'default', p4)).toBeUndefined()
    expect(ctx.api.get('pods', 'default', p1).metadata.deletionTimestamp).toBeDefined()
    expect(ctx.api.get('pods', 'default', p3).metadata.deletionTimestamp).toBeUndefined()
    expect(eventsFor(ctx, getRS(ctx))).toContain(`Normal SuccessfulDelete Deleted pod: ${p0}`)
    expect(getRS(ctx).status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1 })
  })

  it('with a controller (a Deployment), pods doubled up on a node go first (rank)', () => {
    const rs = replicaSet('web', 4)
    rs.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-uid', controller: true, blockOwnerDeletion: true }]
    const { ctx } = setup(rs)
    ctx.clock.settle()
    const since = ctx.clock.timestamp()
    const names = listPods(ctx).map((p) => p.metadata.name as string)
    names.forEach((n, i) => ctx.api.bind('default', n, i === 0 ? 'n2' : 'n1'))
    for (const n of names) setPodStatus(ctx, n, readyStatus(since))
    ctx.clock.settle()
    scale(ctx, 3)
    ctx.clock.settle()
    const [del] = controllerRecords(ctx, ACTOR).filter((r) => r.action === 'delete')
    expect(del.detail).toMatch(/deleting web-\w+ \(rank 3 on n1, Running, ready\)$/)
  })
})

describe('ReplicaSetController: availability', () => {
  it('availableReplicas counts pods ready for more than minReadySeconds, with a requeue to notice', () => {
    const { ctx } = setup(replicaSet('web', 2, { minReadySeconds: 10 }))
    ctx.clock.settle()
    ctx.clock.advance(2000)
    const readyAt = ctx.clock.now()
    for (const p of listPods(ctx)) setPodStatus(ctx, p.metadata.name as string, readyStatus(ctx.clock.timestamp()))
    ctx.clock.advance(100)
    expect(getRS(ctx).status).toMatchObject({ replicas: 2, readyReplicas: 2 })
    expect(getRS(ctx).status?.availableReplicas).toBeUndefined()
    ctx.clock.settle()
    expect(ctx.clock.now()).toBeGreaterThan(readyAt + 10_000)
    expect(getRS(ctx).status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 })
  })
})

describe('ReplicaSetController: lifecycle', () => {
  it('does nothing while stopped and catches up on start', () => {
    const ctx = makeContext()
    const rsc = new ReplicaSetController(ctx)
    ctx.api.create('replicasets', replicaSet('web', 2), { actor: 'kubectl' })
    ctx.clock.settle()
    expect(listPods(ctx)).toHaveLength(0)
    rsc.start()
    expect(rsc.running()).toBe(true)
    ctx.clock.settle()
    expect(listPods(ctx)).toHaveLength(2)
    rsc.stop()
    scale(ctx, 4)
    ctx.clock.settle()
    expect(listPods(ctx)).toHaveLength(2)
  })

  it('ignores pods owned by another kind and RSs of other namespaces', () => {
    const { ctx } = setup(replicaSet('web', 1))
    const other = pod('foreign', { app: 'web' }, { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'job-uid', controller: true }] })
    ctx.api.create('pods', other as KObject, { actor: 'kubectl' })
    ctx.clock.settle()
    expect(listPods(ctx)).toHaveLength(2)
    expect(ctx.api.get('pods', 'default', 'foreign').metadata.ownerReferences?.[0].kind).toBe('Job')
    expect(getRS(ctx).status?.replicas).toBe(1)
  })
})
