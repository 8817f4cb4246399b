import { describe, expect, it } from 'vitest'
import type { KObject, Pod } from '../api/types'
import type { Action, ActionResult } from '../runtime/plan'
import { ApiError } from '../apiserver/errors'
import { manageOutcome, planManage, planReplicaSetSync, podFromTemplate, rsAdapter, slowStartBatches } from './replicaset-sync'

const NOW = Date.parse('2026-01-01T00:10:00Z')
const NOW_TS = '2026-01-01T00:10:00Z'

function rs(replicas: number, extra: Partial<KObject['metadata']> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default', uid: 'rs-uid', generation: 1, resourceVersion: '10', ...extra },
    spec: {
      replicas,
      minReadySeconds: 0,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web', tier: 'fe' }, annotations: { note: 'x' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
    status: { replicas: 0 },
  }
}
const owned = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }
function pod(name: string, opts: { owned?: boolean; node?: string; phase?: NonNullable<Pod['status']>['phase']; labels?: Record<string, string> } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `${name}-uid`,
      resourceVersion: '5',
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: opts.labels ?? { app: 'web', tier: 'fe' },
      ownerReferences: opts.owned === false ? undefined : [owned],
    },
    spec: { nodeName: opts.node, containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase: opts.phase ?? 'Pending' },
  }
}
const verbs = (steps: ReturnType<typeof planReplicaSetSync>['steps']) =>
  steps.map((s) =>
    'slowStart' in s
      ? `slowStart(${s.slowStart.length})`
      : `${s.verb} ${'resource' in s ? s.resource : ''}${'name' in s ? ' ' + s.name : ''}${'subresource' in s && s.subresource ? '/status' : ''}`,
  )

describe('slowStartBatches', () => {
  it.each([
    [0, []],
    [1, [1]],
    [3, [1, 2]],
    [7, [1, 2, 4]],
    [20, [1, 2, 4, 8, 5]],
    [500, [1, 2, 4, 8, 16, 32, 64, 128, 245]],
  ])('%i -> %j', (n, want) => expect(slowStartBatches(n)).toEqual(want))
})

describe('podFromTemplate (GetPodFromTemplate)', () => {
  it('generateName <rs>-, template labels and annotations, controller reference, copied spec', () => {
    const owner = rs(1)
    const p = podFromTemplate(owner, rsAdapter)
    expect(p.metadata).toEqual({
      generateName: 'web-',
      namespace: 'default',
      labels: { app: 'web', tier: 'fe' },
      annotations: { note: 'x' },
      ownerReferences: [owned],
    })
    expect(p.spec).toEqual(owner.spec.template.spec)
    expect(p.spec).not.toBe(owner.spec.template.spec)
  })
})

describe('planReplicaSetSync: given these objects, these writes', () => {
  it('a new ReplicaSet of 3: one slow-start step of 3 creates, then observedGeneration', () => {
    const plan = planReplicaSetSync({ rs: rs(3), pods: [], now: NOW, nowTs: NOW_TS, expectationsSatisfied: true })
    expect(verbs(plan.steps)).toEqual(['slowStart(3)', 'update replicasets/status'])
    expect(plan.manage).toMatchObject({ op: 'create', diff: -3, count: 3, batches: [1, 2] })
    const status = (plan.statusWrite as Extract<Action, { verb: 'update' }>).object.status
    expect(status).toEqual({ replicas: 0, observedGeneration: 1 })
  })

  it('at most BurstReplicas (500) creations per sync', () => {
    const plan = planReplicaSetSync({ rs: rs(600), pods: [], now: NOW, nowTs: NOW_TS, expectationsSatisfied: true })
    expect(plan.manage).toMatchObject({ op: 'create', diff: -600, count: 500 })
  })

  it('pending expectations: no creates or deletes, status still computed', () => {
    const plan = planReplicaSetSync({ rs: rs(3), pods: [pod('web-a')], now: NOW, nowTs: NOW_TS, expectationsSatisfied: false })
    expect(plan.manage).toEqual({ op: 'none', diff: -2, why: 'expectations pending' })
    expect(plan.status).toMatchObject({ replicas: 1, fullyLabeledReplicas: 1 })
  })

  it('a ReplicaSet being deleted never creates or deletes', () => {
    const plan = planReplicaSetSync({ rs: rs(3, { deletionTimestamp: NOW_TS }), pods: [], now: NOW, nowTs: NOW_TS, expectationsSatisfied: true })
    expect(plan.manage).toMatchObject({ op: 'none', why: 'being deleted' })
  })

  it('scale 5 → 3 deletes the unscheduled pod, then the pending one', () => {
    const pods = [pod('web-a', { node: 'n1', phase: 'Running' }), pod('web-b'), pod('web-c', { node: 'n1', phase: 'Running' }), pod('web-d', { node: 'n2' }), pod('web-e', { node: 'n2', phase: 'Running' })]
    const plan = planReplicaSetSync({ rs: rs(3), pods, now: NOW, nowTs: NOW_TS, expectationsSatisfied: true })
    expect(verbs(plan.steps)).toEqual(['delete pods web-b', 'delete pods web-d', 'update replicasets/status'])
  })

  it('inactive pods do not count: a Failed pod is replaced, a terminating one too', () => {
    const dying = { ...pod('web-b'), metadata: { ...pod('web-b').metadata, deletionTimestamp: NOW_TS } }
    const plan = planReplicaSetSync({ rs: rs(3), pods: [pod('web-a'), pod('web-f', { phase: 'Failed' }), dying], now: NOW, nowTs: NOW_TS, expectationsSatisfied: true })
    expect(plan.manage).toMatchObject({ op: 'create', count: 2 })
  })

  it('adopts a matching orphan (and counts it), releases an owned pod that no longer matches', () => {
    const pods = [pod('web-a'), pod('web-b'), pod('stray', { owned: false }), pod('web-x', { labels: { app: 'other' } })]
    const plan = planReplicaSetSync({ rs: rs(3), pods, now: NOW, nowTs: NOW_TS, expectationsSatisfied: true })
    expect(verbs(plan.steps)).toEqual(['patch pods stray', 'patch pods web-x', 'update replicasets/status'])
    expect(plan.manage).toMatchObject({ op: 'none', why: 'in sync' })
    const [adopt, release] = plan.claim.steps as Extract<Action, { verb: 'patch' }>[]
    expect(adopt.patch).toEqual({ metadata: { resourceVersion: '5', ownerReferences: [owned] } })
    expect(release.patch).toEqual({ metadata: { resourceVersion: '5', ownerReferences: null } })
  })

  it('in sync with an up-to-date status: no writes at all', () => {
    const cur = { ...rs(2), status: { replicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 } }
    const plan = planReplicaSetSync({ rs: cur, pods: [pod('web-a'), pod('web-b')], now: NOW, nowTs: NOW_TS, expectationsSatisfied: true })
    expect(plan.steps).toEqual([])
  })
})

describe('manageOutcome', () => {
  const create: Action = { verb: 'create', resource: 'pods', object: pod('x') }
  const ok = (name: string): ActionResult => ({ action: create, ok: true, object: pod(name) })
  const fail = (e: ApiError): ActionResult => ({ action: create, ok: false, error: e })
  const skip: ActionResult = { action: create, ok: false, skipped: true }

  it('events per pod; the first failure is the error; skipped and failed creations are never observed', () => {
    const plan = planManage(rsAdapter, rs(7), { active: [], related: [], now: NOW, expectationsSatisfied: true })
    const quota = new ApiError(403, 'Forbidden', 'pods "web-q" is forbidden: exceeded quota')
    const out = manageOutcome(rs(7), plan, [ok('web-1'), ok('web-2'), ok('web-3'), fail(quota), ok('web-5'), skip, skip])
    expect(out.events.map((e) => (e.verb === 'event' ? `${e.type} ${e.reason} ${e.message}` : ''))).toEqual([
      'Normal SuccessfulCreate Created pod: web-1',
      'Normal SuccessfulCreate Created pod: web-2',
      'Normal SuccessfulCreate Created pod: web-3',
      'Warning FailedCreate Error creating: pods "web-q" is forbidden: exceeded quota',
      'Normal SuccessfulCreate Created pod: web-5',
    ])
    expect(out.unobservedCreations).toBe(3)
    expect(out.error).toBe('pods "web-q" is forbidden: exceeded quota')
  })

  it('a terminating namespace is not an error and raises no event, and counts as done', () => {
    const plan = planManage(rsAdapter, rs(1), { active: [], related: [], now: NOW, expectationsSatisfied: true })
    const term = new ApiError(403, 'Forbidden', 'pods "" is forbidden: unable to create new content in namespace default because it is being terminated')
    const out = manageOutcome(rs(1), plan, [fail(term)])
    expect(out).toEqual({ events: [], unobservedCreations: 0, failedDeletions: [] })
  })

  it('deletes: NotFound is quietly observed, other failures are FailedDelete', () => {
    const pods = [pod('web-a'), pod('web-b'), pod('web-c')]
    const plan = planManage(rsAdapter, rs(0), { active: pods, related: [], now: NOW, expectationsSatisfied: true })
    if (plan.op !== 'delete') throw new Error('expected delete')
    const [a, b, c] = plan.steps as Action[]
    const out = manageOutcome(rs(0), plan, [
      { action: a, ok: true },
      { action: b, ok: false, error: new ApiError(404, 'NotFound', 'pods "web-b" not found') },
      { action: c, ok: false, error: new ApiError(500, 'InternalError', 'etcd timeout') },
    ])
    expect(out.failedDeletions).toEqual(['default/web-b', 'default/web-c'])
    expect(out.events.map((e) => (e.verb === 'event' ? e.message : ''))).toEqual(['Deleted pod: web-a', 'Error deleting: etcd timeout'])
    expect(out.error).toBe('unable to delete pods: etcd timeout')
  })
})
