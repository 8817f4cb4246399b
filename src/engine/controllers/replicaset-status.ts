import type { KObject, ReplicaSetCondition } from '../api/types'
import { fromEqualityMap, matches } from '../api/selector'
import type { Action } from '../runtime/plan'
import { isPodAvailable, isPodReady } from './pod-utils'

/**
 * ReplicaSet (and ReplicationController) status: `calculateStatus` and
 * `updateReplicaSetStatus` from `pkg/controller/replicaset/replica_set_utils.go`. REFERENCE 4.2.
 *
 * @example
 *   const next = calculateStatus(rs, activeClaimedPods, undefined, nowMs, rfc3339Now)
 *   const write = statusUpdate(rs, next)   // undefined when nothing changed
 */

export interface ReplicaStatus {
  replicas: number
  fullyLabeledReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  observedGeneration?: number
  conditions?: ReplicaSetCondition[]
}

export const REPLICA_FAILURE = 'ReplicaFailure'

/** An `update` of the status subresource. */
export type StatusWrite = Extract<Action, { verb: 'update' }> & { subresource: 'status' }

/**
 * The status for the active pods this controller owns. `manageError` is the message of a
 * failed create/delete round: it sets `ReplicaFailure` (reason `FailedCreate` when short of
 * replicas, `FailedDelete` when over) if not already set; a clean round removes it.
 * Zero counts are omitted, as Go's `omitempty` does (only `replicas` is always written).
 */
export function calculateStatus(rs: KObject, pods: KObject[], manageError: string | undefined, now: number, nowTs: string): ReplicaStatus {
  const tplSelector = fromEqualityMap(rs.spec?.template?.metadata?.labels)
  const minReady = rs.spec?.minReadySeconds ?? 0
  let fully = 0
  let ready = 0
  let available = 0
  for (const pod of pods) {
    if (matches(tplSelector, pod.metadata.labels)) fully++
    if (isPodReady(pod)) {
      ready++
      if (isPodAvailable(pod, minReady, now)) available++
    }
  }
  let conditions: ReplicaSetCondition[] = [...((rs.status?.conditions as ReplicaSetCondition[] | undefined) ?? [])]
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE)
  if (manageError !== undefined && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 1)
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : ''
    conditions.push({ type: REPLICA_FAILURE, status: 'True', lastTransitionTime: nowTs, reason, message: manageError })
  } else if (manageError === undefined && failure) {
    conditions = conditions.filter((c) => c.type !== REPLICA_FAILURE)
  }
  const s: ReplicaStatus = { replicas: pods.length }
  if (fully) s.fullyLabeledReplicas = fully
  if (ready) s.readyReplicas = ready
  if (available) s.availableReplicas = available
  if (conditions.length) s.conditions = conditions
  return s
}

/**
 * `updateReplicaSetStatus`'s steady-state check: the write is skipped when the counts, the
 * conditions and `observedGeneration == generation` all hold. Otherwise the status is
 * written with `observedGeneration` set to the generation acted on.
 */
export function statusUpdate(rs: KObject, next: ReplicaStatus, resource = 'replicasets'): StatusWrite | undefined {
  const cur = (rs.status ?? {}) as Partial<ReplicaStatus>
  const generation = rs.metadata.generation ?? 0
  const same =
    (cur.replicas ?? 0) === next.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    generation === (cur.observedGeneration ?? 0) &&
    JSON.stringify(cur.conditions ?? []) === JSON.stringify(next.conditions ?? [])
  if (same) return undefined
  return { verb: 'update', resource, subresource: 'status', object: withStatus(rs, next) }
}

/** The object with a new status, `observedGeneration` = its generation (Go field order kept). */
export function withStatus(rs: KObject, next: ReplicaStatus, generation = rs.metadata.generation): KObject {
  const status: ReplicaStatus = { replicas: next.replicas }
  if (next.fullyLabeledReplicas) status.fullyLabeledReplicas = next.fullyLabeledReplicas
  if (next.readyReplicas) status.readyReplicas = next.readyReplicas
  if (next.availableReplicas) status.availableReplicas = next.availableReplicas
  if (generation) status.observedGeneration = generation
  if (next.conditions?.length) status.conditions = next.conditions
  return { ...rs, status }
}

/** A one-line summary for records: `replicas 3→3, ready 1→2, available 0→2`. */
export function describeStatusChange(rs: KObject, next: ReplicaStatus): string {
  const cur = (rs.status ?? {}) as Partial<ReplicaStatus>
  const parts = [
    `replicas ${cur.replicas ?? 0}→${next.replicas} (need ${rs.spec?.replicas ?? 1})`,
    `fullyLabeled ${cur.fullyLabeledReplicas ?? 0}→${next.fullyLabeledReplicas ?? 0}`,
    `ready ${cur.readyReplicas ?? 0}→${next.readyReplicas ?? 0}`,
    `available ${cur.availableReplicas ?? 0}→${next.availableReplicas ?? 0}`,
    `observedGeneration ${cur.observedGeneration ?? 0}→${rs.metadata.generation ?? 0}`,
  ]
  const hadFailure = (cur.conditions ?? []).some((c) => c.type === REPLICA_FAILURE)
  const hasFailure = (next.conditions ?? []).some((c) => c.type === REPLICA_FAILURE)
  if (hadFailure !== hasFailure) parts.push(hasFailure ? 'ReplicaFailure set' : 'ReplicaFailure cleared')
  return parts.join(', ')
}
