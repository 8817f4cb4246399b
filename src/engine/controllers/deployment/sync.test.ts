import { describe, expect, it } from 'vitest'
import type { ReplicaSet } from '../../api/types'
import type { Action } from '../../runtime/plan'
import { ApiError } from '../../apiserver/errors'
import { syncDeployment } from './sync'
import { computeHash } from './hash'
import { DESIRED_REPLICAS, MAX_REPLICAS, REVISION } from './annotations'
import { RecordingWriter, deployment, ownedRS, podOf, viewOf } from './test-fixtures'

const created = (w: RecordingWriter) => w.actions.find((a) => a.verb === 'create') as Extract<Action, { verb: 'create' }>
const statusWrites = (w: RecordingWriter) => w.actions.filter((a): a is Extract<Action, { verb: 'update' }> => a.verb === 'update' && a.subresource === 'status')

/** Every Deployment past its first sync carries a Progressing condition. */
const progressing = { type: 'Progressing', status: 'True' as const, reason: 'ReplicaSetUpdated', message: 'm', lastUpdateTime: '2026-01-01T00:00:50Z', lastTransitionTime: '2026-01-01T00:00:50Z' }

describe('syncDeployment: given these objects, expect these writes', () => {
  it('a new Deployment: creates <name>-<hash> at full size, then the stale second status write conflicts', () => {
    const d = deployment('web', 3)
    const hash = computeHash(d.spec.template)
    const w = new RecordingWriter({ conflicts: true })
    const r = syncDeployment(viewOf(d, []), w)
    expect(w.lines()).toEqual([
      `create replicasets web-${hash} replicas=3`,
      `event Normal ScalingReplicaSet Scaled up replica set web-${hash} from 0 to 3`,
      'status deployments web',
      'status deployments web',
    ])
    const rs = created(w).object as ReplicaSet
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash })
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } })
    expect(rs.spec.template.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash })
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }])
    expect(rs.metadata.annotations).toEqual({ [REVISION]: '1', [DESIRED_REPLICAS]: '3', [MAX_REPLICAS]: '4' })
    const [first, second] = statusWrites(w)
    expect(first.object.metadata.annotations?.[REVISION]).toBe('1')
    expect(first.object.status.conditions).toEqual([expect.objectContaining({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "web-${hash}"` })])
    // syncRolloutStatus reuses the resourceVersion the first write made stale (as upstream does).
    expect(second.object.metadata.resourceVersion).toBe(first.object.metadata.resourceVersion)
    expect(second.object.status).toMatchObject({ observedGeneration: 1 })
    expect(r.error).toBeInstanceOf(ApiError)
    expect(r.error?.message).toBe('Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again')
    expect(w.records.map((x) => x.action)).toEqual(['create'])
    expect(w.records[0].detail).toBe(`created replica set web-${hash} at revision 1 (pod-template-hash ${hash}) with 3 replicas: desired 3, maxSurge 25% → 1, maxUnavailable 25% → 0: at most 4 pods, at least 3 available`)
  })

  it('an image change with 4 healthy old pods: new RS at 1 and the old one down to 3 in the same sync', () => {
    const d0 = deployment('web', 4, { annotations: { [REVISION]: '1' } })
    const old = ownedRS(d0, { replicas: 4, revision: 1, annotations: { [DESIRED_REPLICAS]: '4', [MAX_REPLICAS]: '5' } })
    const d = deployment('web', 4, { image: 'nginx:1.27', generation: 2, annotations: { [REVISION]: '1' } })
    const hash = computeHash(d.spec.template)
    const w = new RecordingWriter()
    syncDeployment(viewOf(d, [old]), w)
    expect(w.lines()).toEqual([
      `create replicasets web-${hash} replicas=1`,
      `event Normal ScalingReplicaSet Scaled up replica set web-${hash} from 0 to 1`,
      'status deployments web',
      'update replicasets web-nginx126 replicas=3',
      'event Normal ScalingReplicaSet Scaled down replica set web-nginx126 from 4 to 3',
      'status deployments web',
    ])
    expect((created(w).object as ReplicaSet).metadata.annotations?.[REVISION]).toBe('2')
    expect(w.records.map((r) => r.action)).toEqual(['create', 'arithmetic', 'scale-down'])
    expect(w.records[1].detail).toBe('desired 4, maxSurge 25% → 1, maxUnavailable 25% → 1: at most 5 pods, at least 3 available')
    expect(w.records[2].detail).toBe('Scaled down replica set web-nginx126 from 4 to 3: 4 available − minAvailable 3 = 1 may go: scale old down by 1')
  })

  it('mid-rollout: scales the new RS up by what the surge allows', () => {
    const d = deployment('web', 4, { image: 'nginx:1.27', generation: 2, annotations: { [REVISION]: '2' }, status: { observedGeneration: 2, replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, conditions: [progressing] } })
    const ann = { [DESIRED_REPLICAS]: '4', [MAX_REPLICAS]: '5' }
    const old = ownedRS(d, { image: 'nginx:1.26', replicas: 3, revision: 1, created: 1, annotations: ann })
    const neu = ownedRS(d, { replicas: 1, available: 0, revision: 2, created: 2, annotations: ann })
    const w = new RecordingWriter()
    syncDeployment(viewOf(d, [old, neu]), w)
    expect(w.lines()).toEqual([
      'update replicasets web-nginx127 replicas=2',
      'event Normal ScalingReplicaSet Scaled up replica set web-nginx127 from 1 to 2',
      'status deployments web',
    ])
  })

  it('a scaling event (desired-replicas differs) scales proportionally, not a rollout step', () => {
    const ann = { [DESIRED_REPLICAS]: '10', [MAX_REPLICAS]: '13' }
    const d = deployment('web', 20, { image: 'nginx:1.27', generation: 3, annotations: { [REVISION]: '2' }, status: { replicas: 13, conditions: [progressing] } })
    const old = ownedRS(d, { image: 'nginx:1.26', replicas: 8, revision: 1, created: 1, annotations: ann })
    const neu = ownedRS(d, { replicas: 5, available: 0, revision: 2, created: 2, annotations: ann })
    const w = new RecordingWriter()
    syncDeployment(viewOf(d, [old, neu]), w)
    expect(w.lines()).toEqual([
      'update replicasets web-nginx126 replicas=15',
      'event Normal ScalingReplicaSet Scaled up replica set web-nginx126 from 8 to 15',
      'update replicasets web-nginx127 replicas=10',
      'event Normal ScalingReplicaSet Scaled up replica set web-nginx127 from 5 to 10',
      'status deployments web',
    ])
    const upd = w.actions[0] as Extract<Action, { verb: 'update' }>
    expect(upd.object.metadata.annotations).toMatchObject({ [DESIRED_REPLICAS]: '20', [MAX_REPLICAS]: '25' })
  })

  it('paused: a template change starts no rollout; the condition says DeploymentPaused', () => {
    const d = deployment('web', 2, { image: 'nginx:1.27', paused: true, annotations: { [REVISION]: '1' } })
    const old = ownedRS(d, { image: 'nginx:1.26', replicas: 2, revision: 1, annotations: { [DESIRED_REPLICAS]: '2', [MAX_REPLICAS]: '3' } })
    const w = new RecordingWriter()
    syncDeployment(viewOf(d, [old]), w)
    expect(w.lines()).toEqual(['status deployments web', 'status deployments web'])
    expect(statusWrites(w)[0].object.status.conditions).toEqual([expect.objectContaining({ type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' })])
    // Scaling still works while paused.
    const bigger = deployment('web', 3, { image: 'nginx:1.27', paused: true, annotations: { [REVISION]: '1' } })
    const w2 = new RecordingWriter()
    syncDeployment(viewOf(bigger, [old]), w2)
    expect(w2.lines()).toContain('event Normal ScalingReplicaSet Scaled up replica set web-nginx126 from 2 to 3')
    expect(w2.actions.some((a) => a.verb === 'create')).toBe(false)
  })

  it('a hash collision bumps collisionCount and fails the sync; the next hash differs', () => {
    const d = deployment('web', 1)
    const hash = computeHash(d.spec.template)
    const squatter = ownedRS(deployment('other', 1, { uid: 'uid-other' }), { replicas: 1, name: `web-${hash}` })
    squatter.metadata.labels = { app: 'other' }
    const w = new RecordingWriter({
      fail: (a) => (a.verb === 'create' ? new ApiError(409, 'AlreadyExists', `replicasets.apps "web-${hash}" already exists`) : undefined),
    })
    const r = syncDeployment(viewOf(d, [squatter]), w)
    expect(w.lines()).toEqual([`create replicasets web-${hash} replicas=1`, 'status deployments web'])
    expect(statusWrites(w)[0].object.status.collisionCount).toBe(1)
    expect(r.error?.message).toBe(`replicasets.apps "web-${hash}" already exists`)
    expect(w.records).toEqual([{ action: 'collision', detail: `replica set web-${hash} exists with another template: collisionCount 0 → 1, the next hash differs` }])
    const again = deployment('web', 1, { status: { collisionCount: 1 } })
    const w2 = new RecordingWriter()
    syncDeployment(viewOf(again, [squatter]), w2)
    expect(created(w2).object.metadata.name).toBe(`web-${computeHash(d.spec.template, 1)}`)
    expect(computeHash(d.spec.template, 1)).not.toBe(hash)
  })

  it('an AlreadyExists for our own RS (slow cache) is not a collision', () => {
    const d = deployment('web', 2)
    const hash = computeHash(d.spec.template)
    const mine = ownedRS(d, { replicas: 2, hash, revision: 1 })
    const w = new RecordingWriter({ fail: (a) => (a.verb === 'create' ? new ApiError(409, 'AlreadyExists', 'exists') : undefined) })
    // The view's list misses it but the lister Get finds it.
    const view = viewOf(d, [])
    view.getReplicaSet = () => mine
    const r = syncDeployment(view, w)
    expect(r.error).toBeUndefined()
    expect(w.lines().filter((l) => l.startsWith('event'))).toEqual([])
  })

  it('a failed create sets Progressing False ReplicaSetCreateError and a Warning event', () => {
    const d = deployment('web', 1)
    const w = new RecordingWriter({ fail: (a) => (a.verb === 'create' ? new ApiError(403, 'Forbidden', 'exceeded quota: q') : undefined) })
    const r = syncDeployment(viewOf(d, []), w)
    const name = `web-${computeHash(d.spec.template)}`
    expect(w.lines().slice(1)).toEqual(['status deployments web', `event Warning ReplicaSetCreateError Failed to create new replica set "${name}": exceeded quota: q`])
    expect(statusWrites(w)[0].object.status.conditions).toEqual([expect.objectContaining({ status: 'False', reason: 'ReplicaSetCreateError' })])
    expect(r.error?.message).toBe('exceeded quota: q')
  })

  it('adopts a matching orphan RS and releases one that no longer matches', () => {
    const d = deployment('web', 2, { annotations: { [REVISION]: '1' } })
    const orphan = ownedRS(d, { replicas: 2, revision: 1 })
    orphan.metadata.ownerReferences = []
    const stray = ownedRS(d, { image: 'x', replicas: 0, revision: 0, created: 1 })
    stray.metadata.labels = { app: 'elsewhere' }
    const w = new RecordingWriter()
    syncDeployment(viewOf(d, [orphan, stray]), w)
    expect(w.lines().slice(0, 2)).toEqual(['patch replicasets web-nginx126', 'patch replicasets web-x'])
    const adopt = w.actions[0] as Extract<Action, { verb: 'patch' }>
    expect(adopt.patch).toEqual({ metadata: { resourceVersion: '5', ownerReferences: [expect.objectContaining({ kind: 'Deployment', uid: 'uid-web', controller: true })] } })
    expect((w.actions[1] as Extract<Action, { verb: 'patch' }>).patch).toEqual({ metadata: { resourceVersion: '5', ownerReferences: null } })
    expect(w.records.map((r) => r.action)).toEqual(['adopt', 'release'])
  })

  it('does not adopt when the uncached re-read says the Deployment is being deleted', () => {
    const d = deployment('web', 2, { annotations: { [REVISION]: '1' } })
    const orphan = ownedRS(d, { replicas: 2, revision: 1 })
    orphan.metadata.ownerReferences = []
    const w = new RecordingWriter()
    const view = viewOf(d, [orphan])
    let reads = 0
    view.cannotAdopt = () => {
      reads++
      return 'default/web has just been deleted at 2026-01-01T00:01:00Z'
    }
    const r = syncDeployment(view, w)
    expect(w.lines()).toEqual([])
    expect(r.error?.message).toBe('default/web has just been deleted at 2026-01-01T00:01:00Z')
    expect(reads).toBe(1)
  })

  it('a complete rollout cleans up old ReplicaSets beyond revisionHistoryLimit', () => {
    const status = { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }
    const d = deployment('web', 2, { image: 'v4', revisionHistoryLimit: 1, annotations: { [REVISION]: '4' }, status })
    const ann = { [DESIRED_REPLICAS]: '2', [MAX_REPLICAS]: '3' }
    const rss = [1, 2, 3].map((n) => ownedRS(d, { image: `v${n}`, replicas: 0, actual: 0, revision: n, created: n }))
    const cur = ownedRS(d, { replicas: 2, revision: 4, created: 4, annotations: ann })
    const w = new RecordingWriter()
    syncDeployment(viewOf(d, [...rss, cur]), w)
    expect(w.lines().filter((l) => l.startsWith('delete'))).toEqual(['delete replicasets web-v1', 'delete replicasets web-v2'])
  })

  it('no change and a deadline pending: requeue at lastUpdateTime + deadline + 1 s', () => {
    const T = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString().replace('.000Z', 'Z')
    const conditions = [
      { type: 'Progressing', status: 'True' as const, lastUpdateTime: T(30), lastTransitionTime: T(30), reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-nginx127" is progressing.' },
      { type: 'Available', status: 'True' as const, lastUpdateTime: T(30), lastTransitionTime: T(30), reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
    ]
    const status = { observedGeneration: 2, replicas: 5, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 2, conditions }
    const d = deployment('web', 4, { image: 'nginx:1.27', generation: 2, progressDeadlineSeconds: 600, annotations: { [REVISION]: '2' }, status })
    const ann = { [DESIRED_REPLICAS]: '4', [MAX_REPLICAS]: '5' }
    const old = ownedRS(d, { image: 'nginx:1.26', replicas: 3, revision: 1, created: 1, annotations: ann })
    const neu = ownedRS(d, { replicas: 2, available: 0, revision: 2, created: 2, annotations: ann })
    const w = new RecordingWriter()
    const r = syncDeployment(viewOf(d, [old, neu], [], 100_000), w)
    expect(w.lines()).toEqual([])
    expect(r).toEqual({ requeueAfter: 30_000 + 600_000 - 100_000 + 1000 })
    expect(w.records).toEqual([{ action: 'waiting', detail: 'maxScaledDown = 5 pods − minAvailable 3 − 2 new not yet available = 0: waiting for new pods to become available' }])
    // Past the deadline: Progressing False ProgressDeadlineExceeded.
    const late = new RecordingWriter()
    syncDeployment(viewOf(d, [old, neu], [], 631_000), late)
    expect(statusWrites(late)[0].object.status.conditions.find((c: { type: string }) => c.type === 'Progressing')).toMatchObject({
      status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-nginx127" has timed out progressing.',
    })
    expect(late.records.map((x) => x.action)).toContain('timeout')
  })

  it('the deprecated rollbackTo annotation restores the template and clears itself', () => {
    const d = deployment('web', 1, { image: 'nginx:1.27', annotations: { [REVISION]: '2', 'deprecated.deployment.rollback.to': '1' }, status: { conditions: [progressing] } })
    const r1 = ownedRS(d, { image: 'nginx:1.26', replicas: 0, revision: 1, created: 1, annotations: { team: 'x' } })
    const r2 = ownedRS(d, { replicas: 1, revision: 2, created: 2, annotations: { [DESIRED_REPLICAS]: '1', [MAX_REPLICAS]: '2' } })
    const w = new RecordingWriter()
    syncDeployment(viewOf(d, [r1, r2]), w)
    expect(w.lines()).toEqual(['update deployments web', 'event Normal DeploymentRollback Rolled back deployment "web" to revision 1'])
    const upd = (w.actions[0] as Extract<Action, { verb: 'update' }>).object
    expect(upd.spec.template.spec.containers[0].image).toBe('nginx:1.26')
    expect(upd.metadata.annotations).toEqual({ [REVISION]: '2', team: 'x' })
  })

  it('a deleted Deployment is a no-op; a terminating one only syncs status', () => {
    expect(syncDeployment(viewOf(undefined, []), new RecordingWriter())).toEqual({})
    const d = deployment('web', 2, { image: 'nginx:1.27' })
    d.metadata.deletionTimestamp = '2026-01-01T00:00:10Z'
    const w = new RecordingWriter()
    syncDeployment(viewOf(d, [ownedRS(d, { image: 'nginx:1.26', replicas: 2, revision: 1 })]), w)
    expect(w.lines()).toEqual(['status deployments web'])
  })

  it('Recreate: old pods must be gone, not just scaled away, before the new RS is created', () => {
    const d = deployment('web', 3, { image: 'nginx:1.27', strategy: 'Recreate', annotations: { [REVISION]: '1' } })
    const ann = { [DESIRED_REPLICAS]: '3', [MAX_REPLICAS]: '3' }
    const old = ownedRS(d, { image: 'nginx:1.26', replicas: 3, revision: 1, annotations: ann })
    const pods = [0, 1, 2].map((i) => podOf(old, `web-old-${i}`))

    // 1. Scale every old RS to 0 — and nothing else.
    const w1 = new RecordingWriter()
    syncDeployment(viewOf(d, [old], pods), w1)
    expect(w1.lines()).toEqual([
      'update replicasets web-nginx126 replicas=0',
      'event Normal ScalingReplicaSet Scaled down replica set web-nginx126 from 3 to 0',
      'status deployments web',
    ])

    // 2. Scaled to 0 and the RS reports 0, but pods are still terminating (Running): wait.
    const scaled = ownedRS(d, { image: 'nginx:1.26', replicas: 0, actual: 0, revision: 1, annotations: ann })
    const terminating = pods.map((p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: '2026-01-01T00:00:30Z' } }))
    const w2 = new RecordingWriter()
    syncDeployment(viewOf(d, [scaled], terminating), w2)
    expect(w2.actions.some((a) => a.verb === 'create')).toBe(false)
    expect(w2.records[0]).toEqual({ action: 'waiting', detail: 'Recreate: waiting for old pods to stop (0 reported by old replica sets, 3 old pods not yet terminal, 0 still wanted)' })

    // A pod that ended (Succeeded/Failed) no longer counts; Unknown still does.
    const w3 = new RecordingWriter()
    syncDeployment(viewOf(d, [scaled], [podOf(old, 'a', 'Failed'), podOf(old, 'b', 'Unknown')]), w3)
    expect(w3.actions.some((a) => a.verb === 'create')).toBe(false)

    // 3. All gone: the new RS is created at full size in one step.
    const w4 = new RecordingWriter()
    syncDeployment(viewOf(d, [scaled], [podOf(old, 'a', 'Succeeded')]), w4)
    const name = `web-${computeHash(d.spec.template)}`
    expect(w4.lines().slice(0, 2)).toEqual([`create replicasets ${name} replicas=3`, `event Normal ScalingReplicaSet Scaled up replica set ${name} from 0 to 3`])
    expect((created(w4).object as ReplicaSet).metadata.annotations).toMatchObject({ [REVISION]: '2', [DESIRED_REPLICAS]: '3', [MAX_REPLICAS]: '3' })
  })
})
