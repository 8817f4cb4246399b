import type { ReplicaSet, ReplicaSetCondition } from '../../api/types'
import type { Deployment, DeploymentStatus } from '../../api/kinds/deployment'
import { desiredReplicas, maxUnavailable } from './fenceposts'
import { availableReplicas, readyReplicas, specReplicas, statusReplicas, sum } from './replicasets'
import { ConditionType, Reason, fromReplicaSetCondition, getCondition, newCondition, removeCondition, setCondition } from './conditions'
import { canonicalJSON } from './hash'

/**
 * The Deployment's status (REFERENCE 5.9; `sync.go` `calculateStatus`, `progress.go`
 * `syncRolloutStatus`, `requeueStuckDeployment`, `deployment_util.go` `DeploymentComplete`,
 * `DeploymentProgressing`, `DeploymentTimedOut`). Times: `nowMs` is virtual ms, `nowTs` its
 * RFC 3339 form, `parse` turns a stored timestamp back into virtual ms (`Clock.parse`).
 *
 * @example
 *   const next = nextRolloutStatus(allRSs, newRS, d, clock)
 *   if (!statusEqual(d.status, next)) write({ ...d, status: next })
 */

export interface StatusClock {
  now(): number
  timestamp(ms?: number): string
  parse(ts: string | undefined): number | undefined
}

/** Go's omitempty: zero counters are not written. */
function put(status: DeploymentStatus, key: keyof DeploymentStatus, n: number | undefined): void {
  if (n) (status as Record<string, unknown>)[key] = n
}

/**
 * `calculateStatus`: counts from the ReplicaSets (`replicas`, `ready`, `available` are sums of
 * their status; `updatedReplicas` is the new RS's `status.replicas`; `unavailableReplicas` is
 * Σspec − available, never negative), the conditions carried over, and `Available` set from
 * `available ≥ replicas − maxUnavailable`.
 */
export function calculateStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, nowTs: string): DeploymentStatus {
  const available = sum(allRSs, availableReplicas)
  const status: DeploymentStatus = {}
  put(status, 'observedGeneration', d.metadata.generation)
  put(status, 'replicas', sum(allRSs, statusReplicas))
  put(status, 'updatedReplicas', newRS ? statusReplicas(newRS) : 0)
  put(status, 'readyReplicas', sum(allRSs, readyReplicas))
  put(status, 'availableReplicas', available)
  put(status, 'unavailableReplicas', Math.max(0, sum(allRSs, specReplicas) - available))
  // DeploymentReplicaSetTerminatingReplicas: only when every ReplicaSet reports it.
  const present = allRSs.filter((rs): rs is ReplicaSet => !!rs)
  const terminating = (rs: ReplicaSet) => (rs.status as { terminatingReplicas?: number } | undefined)?.terminatingReplicas
  if (present.length && present.every((rs) => typeof terminating(rs) === 'number')) status.terminatingReplicas = sum(present, (rs) => terminating(rs) as number)
  if (d.status?.conditions?.length) status.conditions = d.status.conditions.map((c) => ({ ...c }))
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount
  if (available >= desiredReplicas(d) - maxUnavailable(d))
    setCondition(status, newCondition(ConditionType.Available, 'True', Reason.MinimumReplicasAvailable, 'Deployment has minimum availability.', nowTs))
  else
    setCondition(status, newCondition(ConditionType.Available, 'False', Reason.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowTs))
  return status
}

/** `HasProgressDeadline`: set and not MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec.progressDeadlineSeconds
  return s !== undefined && s !== null && s !== 2147483647
}

/** `DeploymentComplete`: every desired replica updated and available, none old, generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus | undefined): boolean {
  const replicas = desiredReplicas(d)
  return (s?.updatedReplicas ?? 0) === replicas && (s?.replicas ?? 0) === replicas &&
    (s?.availableReplicas ?? 0) === replicas && (s?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
}

/** `DeploymentProgressing`: more updated, fewer old, more ready or more available than before. */
export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const old = d.status ?? {}
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0)
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0)
  return (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
}

/**
 * `DeploymentTimedOut`: never without a deadline or a Progressing condition, or once it says
 * NewReplicaSetAvailable; always once it says ProgressDeadlineExceeded; otherwise
 * `lastUpdateTime + progressDeadlineSeconds` strictly before now.
 */
export function deploymentTimedOut(d: Deployment, next: DeploymentStatus, clock: StatusClock): boolean {
  if (!hasProgressDeadline(d)) return false
  const cond = getCondition(next, ConditionType.Progressing)
  if (!cond) return false
  if (cond.reason === Reason.NewRSAvailable) return false
  if (cond.reason === Reason.TimedOut) return true
  const from = clock.parse(cond.lastUpdateTime) ?? -Infinity
  return from + (d.spec.progressDeadlineSeconds as number) * 1000 < clock.now()
}

const rsOrDeployment = (d: Deployment, newRS: ReplicaSet | undefined): string =>
  newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`

/** The status `syncRolloutStatus` would write: `calculateStatus` plus Progressing and ReplicaFailure. */
export function nextRolloutStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, clock: StatusClock): DeploymentStatus {
  const nowTs = clock.timestamp()
  const next = calculateStatus(allRSs, newRS, d, nowTs)
  if (!hasProgressDeadline(d)) removeCondition(next, ConditionType.Progressing)
  const current = getCondition(d.status, ConditionType.Progressing)
  const isComplete = (next.replicas ?? 0) === (next.updatedReplicas ?? 0) && current?.reason === Reason.NewRSAvailable
  if (hasProgressDeadline(d) && !isComplete) {
    const who = rsOrDeployment(d, newRS)
    if (deploymentComplete(d, next)) {
      setCondition(next, newCondition(ConditionType.Progressing, 'True', Reason.NewRSAvailable, `${who} has successfully progressed.`, nowTs))
    } else if (deploymentProgressing(d, next)) {
      // Progress refreshes lastUpdateTime even with an unchanged reason: remove, then set.
      const cond = newCondition(ConditionType.Progressing, 'True', Reason.ReplicaSetUpdated, `${who} is progressing.`, nowTs)
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime
        removeCondition(next, ConditionType.Progressing)
      }
      setCondition(next, cond)
    } else if (deploymentTimedOut(d, next, clock)) {
      setCondition(next, newCondition(ConditionType.Progressing, 'False', Reason.TimedOut, `${who} has timed out progressing.`, nowTs))
    }
  }
  const failure = replicaFailures(allRSs, newRS)
  if (failure) setCondition(next, fromReplicaSetCondition(failure))
  else removeCondition(next, ConditionType.ReplicaFailure)
  return next
}

/** `getReplicaFailures`: the new RS's ReplicaFailure first, else the first among all. */
function replicaFailures(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): ReplicaSetCondition | undefined {
  const of = (rs: ReplicaSet | undefined) => rs?.status?.conditions?.find((c) => c.type === ConditionType.ReplicaFailure)
  return of(newRS) ?? allRSs.map(of).find((c) => c)
}

/**
 * `requeueStuckDeployment`: when nothing changed, when to look again for a timeout.
 * `undefined` = no need; `'now'` = a rate-limited requeue (under a second left);
 * a number = ms until `lastUpdateTime + deadline`, plus upstream's extra second.
 */
export function requeueStuckAfter(d: Deployment, next: DeploymentStatus, clock: StatusClock): number | 'now' | undefined {
  const current = getCondition(d.status, ConditionType.Progressing)
  if (!hasProgressDeadline(d) || !current) return undefined
  if (deploymentComplete(d, next) || current.reason === Reason.TimedOut) return undefined
  const from = clock.parse(current.lastUpdateTime)
  if (from === undefined) return 'now'
  const after = from + (d.spec.progressDeadlineSeconds as number) * 1000 - clock.now()
  return after < 1000 ? 'now' : after + 1000
}

/**
 * `checkPausedConditions`: with a deadline and no timeout reported, pausing sets Progressing
 * Unknown/DeploymentPaused and resuming Unknown/DeploymentResumed, so time spent paused never
 * counts against progressDeadlineSeconds. Mutates `d.status`; true if it changed.
 */
export function checkPausedConditions(d: Deployment, nowTs: string): boolean {
  if (!hasProgressDeadline(d)) return false
  const cond = getCondition(d.status, ConditionType.Progressing)
  if (cond?.reason === Reason.TimedOut) return false
  const pausedExists = cond?.reason === Reason.Paused
  d.status ??= {}
  if (d.spec.paused && !pausedExists) {
    setCondition(d.status, newCondition(ConditionType.Progressing, 'Unknown', Reason.Paused, 'Deployment is paused', nowTs))
    return true
  }
  if (!d.spec.paused && pausedExists) {
    setCondition(d.status, newCondition(ConditionType.Progressing, 'Unknown', Reason.Resumed, 'Deployment is resumed', nowTs))
    return true
  }
  return false
}

/** `reflect.DeepEqual` of two statuses, with zero counters equal to absent ones. */
export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return canonicalJSON(normal(a)) === canonicalJSON(normal(b))
}

function normal(s: DeploymentStatus | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(s ?? {})) {
    if (v === undefined || v === 0 || (Array.isArray(v) && v.length === 0)) continue
    out[k] = v
  }
  return out
}

/** One-line summary of the counts, for records: `4 desired | 2 updated | 5 total | 4 available | 1 unavailable`. */
export function describeStatus(d: Deployment, s: DeploymentStatus): string {
  return `${desiredReplicas(d)} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ` +
    `${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`
}
