import { describe, expect, it } from 'vitest'
import { Clock } from '../../clock'
import type { DeploymentCondition } from '../../api/kinds/deployment'
import { calculateStatus, checkPausedConditions, deploymentComplete, deploymentProgressing, deploymentTimedOut, requeueStuckAfter, nextRolloutStatus, statusEqual } from './status'
import { getCondition, newCondition, setCondition } from './conditions'
import { deployment, ownedRS } from './test-fixtures'

const clockAt = (s: number) => {
  const c = new Clock()
  c.advance(s * 1000)
  return c
}
const T = (s: number) => new Clock().timestamp(s * 1000)
const progressing = (reason: string, at: number, status: 'True' | 'False' | 'Unknown' = 'True'): DeploymentCondition =>
  ({ type: 'Progressing', status, lastUpdateTime: T(at), lastTransitionTime: T(at), reason, message: 'm' })

describe('Deployment status (REFERENCE 5.9)', () => {
  const d = deployment('web', 4, { image: 'nginx:1.27', generation: 3 })
  const old = ownedRS(d, { image: 'nginx:1.26', replicas: 1, actual: 2, available: 2, created: 1 })
  const neu = ownedRS(d, { replicas: 4, actual: 4, ready: 3, available: 2, created: 2 })

  it('counts from the ReplicaSets; zeros are omitted', () => {
    const s = calculateStatus([old, neu], neu, d, T(10))
    expect(s).toEqual({
      observedGeneration: 3, replicas: 6, updatedReplicas: 4, readyReplicas: 5, availableReplicas: 4, unavailableReplicas: 1,
      conditions: [{ type: 'Available', status: 'True', lastUpdateTime: T(10), lastTransitionTime: T(10), reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }],
    })
    const empty = calculateStatus([undefined], undefined, deployment('web', 0), T(0))
    expect(empty).toEqual({ observedGeneration: 1, conditions: [expect.objectContaining({ type: 'Available', status: 'True' })] })
  })

  it('Available is False below replicas − maxUnavailable (4 at 25%: 3)', () => {
    const low = ownedRS(d, { replicas: 4, available: 2 })
    expect(getCondition(calculateStatus([low], low, d, T(1)), 'Available')).toMatchObject({
      status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.',
    })
  })

  it('SetDeploymentCondition: no-op for the same status and reason; keeps lastTransitionTime on a reason change; appends', () => {
    const s = { conditions: [progressing('NewReplicaSetCreated', 5), { type: 'Available', status: 'True' as const, reason: 'MinimumReplicasAvailable' }] }
    setCondition(s, newCondition('Progressing', 'True', 'NewReplicaSetCreated', 'other', T(9)))
    expect(s.conditions[0].lastUpdateTime).toBe(T(5))
    setCondition(s, newCondition('Progressing', 'True', 'ReplicaSetUpdated', 'x', T(9)))
    expect(s.conditions.map((c) => c.type)).toEqual(['Available', 'Progressing'])
    expect(s.conditions[1]).toMatchObject({ reason: 'ReplicaSetUpdated', lastUpdateTime: T(9), lastTransitionTime: T(5) })
    setCondition(s, newCondition('Progressing', 'False', 'ProgressDeadlineExceeded', 'y', T(20)))
    expect(s.conditions[1].lastTransitionTime).toBe(T(20))
  })

  it('complete / progressing predicates', () => {
    expect(deploymentComplete(d, { updatedReplicas: 4, replicas: 4, availableReplicas: 4, observedGeneration: 3 })).toBe(true)
    expect(deploymentComplete(d, { updatedReplicas: 4, replicas: 4, availableReplicas: 4, observedGeneration: 2 })).toBe(false)
    const before = deployment('web', 4, { status: { replicas: 5, updatedReplicas: 1, readyReplicas: 4, availableReplicas: 4 } })
    expect(deploymentProgressing(before, { replicas: 5, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 4 })).toBe(true)
    expect(deploymentProgressing(before, { replicas: 4, updatedReplicas: 1, readyReplicas: 4, availableReplicas: 4 })).toBe(true)
    expect(deploymentProgressing(before, { replicas: 5, updatedReplicas: 1, readyReplicas: 4, availableReplicas: 4 })).toBe(false)
  })

  it('times out strictly after lastUpdateTime + progressDeadlineSeconds', () => {
    const dl = deployment('web', 4, { progressDeadlineSeconds: 60 })
    const s = { conditions: [progressing('ReplicaSetUpdated', 100)] }
    expect(deploymentTimedOut(dl, s, clockAt(160))).toBe(false)
    expect(deploymentTimedOut(dl, s, clockAt(160.001))).toBe(true)
    expect(deploymentTimedOut(dl, { conditions: [progressing('NewReplicaSetAvailable', 0)] }, clockAt(1000))).toBe(false)
    expect(deploymentTimedOut(dl, { conditions: [progressing('ProgressDeadlineExceeded', 999, 'False')] }, clockAt(1000))).toBe(true)
    expect(deploymentTimedOut(dl, {}, clockAt(1000))).toBe(false)
    expect(deploymentTimedOut(deployment('web', 4, { progressDeadlineSeconds: 2147483647 }), s, clockAt(1e6))).toBe(false)
  })

  it('syncRolloutStatus: progress refreshes ReplicaSetUpdated, completion says NewReplicaSetAvailable, silence times out', () => {
    const start = { observedGeneration: 3, replicas: 5, updatedReplicas: 1, availableReplicas: 4, conditions: [progressing('NewReplicaSetCreated', 10)] }
    const dd = deployment('web', 4, { image: 'nginx:1.27', generation: 3, progressDeadlineSeconds: 60, status: start })
    const o = ownedRS(dd, { image: 'nginx:1.26', replicas: 3, created: 1 })
    const n = ownedRS(dd, { replicas: 2, available: 0, created: 2 })
    const moved = nextRolloutStatus([o, n], n, dd, clockAt(30))
    expect(getCondition(moved, 'Progressing')).toEqual({
      type: 'Progressing', status: 'True', lastUpdateTime: T(30), lastTransitionTime: T(10), reason: 'ReplicaSetUpdated', message: `ReplicaSet "${n.metadata.name}" is progressing.`,
    })
    // Nothing moved for more than 60 s since the last progress → timed out.
    const still = deployment('web', 4, { image: 'nginx:1.27', generation: 3, progressDeadlineSeconds: 60, status: { ...start, replicas: 5, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3 } })
    const stuck = nextRolloutStatus([o, n], n, still, clockAt(71))
    expect(getCondition(stuck, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${n.metadata.name}" has timed out progressing.` })
    expect(getCondition(nextRolloutStatus([o, n], n, still, clockAt(70)), 'Progressing')?.reason).toBe('NewReplicaSetCreated')
    const done = ownedRS(dd, { replicas: 4, created: 2 })
    const o0 = ownedRS(dd, { image: 'nginx:1.26', replicas: 0, created: 1 })
    expect(getCondition(nextRolloutStatus([o0, done], done, dd, clockAt(40)), 'Progressing')).toMatchObject({
      status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${done.metadata.name}" has successfully progressed.`, lastTransitionTime: T(10),
    })
    // Without a deadline there is no Progressing condition at all.
    const none = deployment('web', 4, { progressDeadlineSeconds: 2147483647, status: start })
    expect(getCondition(nextRolloutStatus([o, n], n, none, clockAt(30)), 'Progressing')).toBeUndefined()
  })

  it('promotes a ReplicaSet ReplicaFailure, the new RS first', () => {
    const dd = deployment('web', 2)
    const n = ownedRS(dd, { replicas: 2, actual: 0, available: 0 })
    n.status!.conditions = [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "x" is forbidden', lastTransitionTime: T(3) }]
    expect(getCondition(nextRolloutStatus([n], n, dd, clockAt(5)), 'ReplicaFailure')).toEqual({
      type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "x" is forbidden', lastTransitionTime: T(3), lastUpdateTime: T(3),
    })
  })

  it('requeueStuckDeployment: at the deadline plus a second, now when under a second is left', () => {
    const dd = deployment('web', 4, { progressDeadlineSeconds: 600, status: { conditions: [progressing('ReplicaSetUpdated', 100)] } })
    const next = { replicas: 5, updatedReplicas: 1 }
    expect(requeueStuckAfter(dd, next, clockAt(400))).toBe(301_000)
    expect(requeueStuckAfter(dd, next, clockAt(699.5))).toBe('now')
    expect(requeueStuckAfter(deployment('web', 4, { status: { conditions: [progressing('ProgressDeadlineExceeded', 1, 'False')] } }), next, clockAt(2))).toBeUndefined()
    expect(requeueStuckAfter(deployment('web', 4), next, clockAt(2))).toBeUndefined()
  })

  it('pausing and resuming set Progressing Unknown, never over a timeout', () => {
    const p = deployment('web', 1, { paused: true, status: { conditions: [progressing('ReplicaSetUpdated', 1)] } })
    expect(checkPausedConditions(p, T(5))).toBe(true)
    expect(getCondition(p.status, 'Progressing')).toEqual({ type: 'Progressing', status: 'Unknown', lastUpdateTime: T(5), lastTransitionTime: T(5), reason: 'DeploymentPaused', message: 'Deployment is paused' })
    expect(checkPausedConditions(p, T(6))).toBe(false)
    p.spec.paused = false
    expect(checkPausedConditions(p, T(7))).toBe(true)
    expect(getCondition(p.status, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed', lastTransitionTime: T(5) })
    const t = deployment('web', 1, { paused: true, status: { conditions: [progressing('ProgressDeadlineExceeded', 1, 'False')] } })
    expect(checkPausedConditions(t, T(5))).toBe(false)
  })

  it('statusEqual treats zero as absent and ignores key order', () => {
    expect(statusEqual({ replicas: 0, observedGeneration: 1 }, { observedGeneration: 1 })).toBe(true)
    expect(statusEqual({ replicas: 1 }, { replicas: 2 })).toBe(false)
  })
})
